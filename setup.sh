#!/bin/sh
# setup.sh — install clinicq's build dependencies (Debian) and build it.
# Idempotent: packages already present are skipped by apt-get; safe to rerun.
# Usage: ./setup.sh [configure options...]
set -eu
cd "$(dirname "$0")"

# Build: compiler, autotools, the libraries.  MPI (sweeps over ranks) is found
# by configure when present.  Tests and benchmarks: Python 3 with SimPy and
# openpyxl, sqlite3 (Python's module reads the sweep results).
PKGS="build-essential autoconf automake libtool pkg-config \
libglpk-dev glpk-utils libxlsxwriter-dev libinih-dev libgsl-dev libsqlite3-dev \
libopenmpi-dev openmpi-bin \
python3 python3-simpy3 python3-openpyxl"

missing=""
for p in $PKGS; do
	dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
	SUDO=""
	[ "$(id -u)" -ne 0 ] && SUDO="sudo"
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -q
	$SUDO apt-get install -y -q --no-install-recommends $missing
fi

[ -x configure ] && [ configure -nt configure.ac ] && [ configure -nt Makefile.am ] || autoreconf -fi
if [ $# -gt 0 ] || ! [ -f Makefile ] || [ configure -nt Makefile ]; then
	./configure "$@"
fi
make -j"$(nproc)"
