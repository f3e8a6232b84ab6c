#!/usr/bin/env bash
# Builds the Python package's wheel for manylinux_2_28 (glibc 2.28 or later: RHEL/Rocky/Alma
# 8, Debian 10, Ubuntu 20.04 and later), whatever glibc this machine has.
#
# maturin links the extension with zig (`--zig`), whose C toolchain targets the glibc version
# asked for (`--compatibility manylinux_2_28`), so no manylinux container is needed. maturin,
# ziglang and auditwheel come from PyPI into a virtual environment (target/wheel-venv, made
# once); the crates come from crates.io through cargo, as for any build. The wheel is abi3
# (CPython 3.9 and later) and needs no Rust to install. auditwheel then prints the platform
# tag the wheel really qualifies for, from the symbols it links.
#
# Usage: scripts/build_wheel.sh [extra maturin build arguments]
# The wheel goes to target/wheels/.
set -euo pipefail
cd "$(dirname "$0")/.."

venv="${HASHI_WHEEL_VENV:-target/wheel-venv}"
case "$venv" in /*) ;; *) venv="$PWD/$venv" ;; esac
if [ ! -x "$venv/bin/maturin" ] || [ ! -x "$venv/bin/auditwheel" ] \
  || ! "$venv/bin/python" -c 'import ziglang' >/dev/null 2>&1; then
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install -q "maturin>=1.5,<2" ziglang auditwheel
fi

# maturin finds zig as `python3 -m ziglang`, with the venv's python3 first on PATH.
export PATH="$venv/bin:$PATH"
out=target/wheels
rm -f "$out"/hashi-*manylinux*.whl
"$venv/bin/maturin" build --release --manifest-path python/Cargo.toml \
  --zig --compatibility manylinux_2_28 --out "$out" "$@"
for wheel in "$out"/hashi-*manylinux*.whl; do
  "$venv/bin/auditwheel" show "$wheel"
done
