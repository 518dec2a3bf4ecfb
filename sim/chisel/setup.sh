#!/usr/bin/env bash
# The Chisel toolchain into $1 (default .venv/chisel): Chisel 6.7.0 with its compiler plugin, the
# Scala 2.13.15 compiler and firtool 1.62.1 (shipped as a jar), all from Maven Central with the
# machine's JDK and Maven; then the workbench's compile server (ChiselServer.scala) is compiled.
# Nothing is downloaded later: firtool is extracted here and handed to Chisel by path.
# Idempotent: a stamp newer than this script, the pom and the server source skips everything.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DEST=${1:-$HERE/../../.venv/chisel}
STAMP=$DEST/.ready

log() { printf '[setup:chisel] %s\n' "$*"; }

if [ -f "$STAMP" ] && [ "$STAMP" -nt "$0" ] && [ "$STAMP" -nt "$HERE/pom.xml" ] && [ "$STAMP" -nt "$HERE/ChiselServer.scala" ]; then
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

classpath=$(find "$DEST.partial/lib" -name '*.jar' ! -name 'chisel-plugin_*' | sort | tr '\n' ':')
log "compiling the Chisel compile server"
java -Xss8m -cp "$classpath" scala.tools.nsc.Main -classpath "$classpath" -d "$DEST.partial/server" \
    "$HERE/ChiselServer.scala"

rm -rf "$DEST"
mv "$DEST.partial" "$DEST"
touch "$STAMP"
log "ready: $("$DEST/firtool/bin/firtool" --version | grep -o 'firtool-[0-9.]*')"
