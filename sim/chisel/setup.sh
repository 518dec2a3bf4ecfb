#!/usr/bin/env bash
# The Chisel toolchain into $1 (default .venv/chisel): Chisel 6.7.0 with its compiler plugin, the
# Scala 2.13.15 compiler and firtool 1.62.1 (shipped as a jar), all from Maven Central with the
# machine's JDK and Maven; then the workbench's compile server (ChiselServer.scala) is compiled into
# server/server.jar, and a warm-up run records server/server.jsa, a class-data-sharing archive of the
# classes it loads (every server start maps it instead of loading scalac and Chisel from the jars:
# about a third off a cold compile; a JDK that does not match it just ignores it).
# Nothing is downloaded later: firtool is extracted here and handed to Chisel by path.
# Idempotent: a stamp newer than this script, the pom and the server sources skips everything.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DEST=$(realpath -m "${1:-$HERE/../../.venv/chisel}")  # absolute and plain: the archive records the jar paths
STAMP=$DEST/.ready

log() { printf '[setup:chisel] %s\n' "$*"; }

if [ -f "$STAMP" ] && [ "$STAMP" -nt "$0" ] && [ "$STAMP" -nt "$HERE/pom.xml" ] && [ "$STAMP" -nt "$HERE/ChiselServer.scala" ] \
    && [ "$STAMP" -nt "$HERE/WarmUp.scala" ]; then
    exit 0
fi
for tool in java mvn; do
    command -v "$tool" >/dev/null || { log "missing $tool (Debian: apt-get install default-jdk-headless maven)"; exit 1; }
done

rm -rf "$DEST.partial"
mkdir -p "$DEST.partial/firtool/bin" "$DEST.partial/server"
log "fetching Chisel, Scala and firtool jars from Maven Central"
mvn -q -B -f "$HERE/pom.xml" dependency:copy-dependencies -DoutputDirectory="$DEST.partial/lib" >"$DEST.partial/maven.log" 2>&1 \
    || { tail -30 "$DEST.partial/maven.log"; log "maven failed (log: $DEST.partial/maven.log)"; exit 1; }

firtool_jar=$(ls "$DEST.partial"/lib/llvm-firtool-*.jar)
python3 -c 'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' \
    "$firtool_jar" org.chipsalliance/llvm-firtool/linux-x64/bin/firtool >"$DEST.partial/firtool/bin/firtool"
chmod +x "$DEST.partial/firtool/bin/firtool"
rm "$firtool_jar"  # the other platforms' binaries are dead weight

log "compiling the Chisel compile server"
jars() { find "$1/lib" -name '*.jar' ! -name 'chisel-plugin_*' | LC_ALL=C sort | paste -sd: -; }  # workbench/hdl/chisel.py's order
classpath=$(jars "$DEST.partial")
mkdir -p "$DEST.partial/classes"
java -Xss8m -cp "$classpath" scala.tools.nsc.Main -classpath "$classpath" -d "$DEST.partial/classes" \
    "$HERE/ChiselServer.scala"
jar cf "$DEST.partial/server/server.jar" -C "$DEST.partial/classes" . -C "$HERE" WarmUp.scala
rm -rf "$DEST.partial/classes"

rm -rf "$DEST"
mv "$DEST.partial" "$DEST"

# The archive records the classpath as the workbench will give it: made here, after the move.
log "recording the class-data-sharing archive (a warm-up compile)"
classpath=$(jars "$DEST")
plugin=$(ls "$DEST"/lib/chisel-plugin_*.jar)
CHISEL_FIRTOOL_PATH="$DEST/firtool/bin" java -Xss8m -Xmx1536m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -XX:ReservedCodeCacheSize=128m -XX:-UsePerfData -Xlog:disable -Xlog:all=error:stderr \
    -XX:ArchiveClassesAtExit="$DEST/server/server.jsa" -cp "$DEST/server/server.jar:$classpath" \
    rtlworkbench.ChiselServer "$classpath" "$plugin" --warm-up </dev/null | grep -qx 'ready.ok' \
    || { log "the compile server failed its warm-up"; exit 1; }
[ -f "$DEST/server/server.jsa" ] || log "no class-data-sharing archive (servers start slower)"
touch "$STAMP"
log "ready: $("$DEST/firtool/bin/firtool" --version | grep -o 'firtool-[0-9.]*')"
