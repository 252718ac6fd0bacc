#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# layers.sh — the source tree's layers (doc/architecture.md): a file includes
# headers of its own folder, of the root (err, afile) and of folders below its
# own, never of one above it nor of a sibling (optimize and report):
#   root < data, rota < scenario < engine < measure < optimize, report < sweep < present < cli
# (rota, the rota solver, knows shifts, demand and contracts as plain data: it
# includes the root only, and GLPK)
. "$(dirname "$0")/setup.sh"

rank() {
	case $1 in
	data | rota) echo 1 ;; scenario) echo 2 ;; engine) echo 3 ;; measure) echo 4 ;;
	optimize | report) echo 5 ;; sweep) echo 6 ;; present) echo 7 ;; cli) echo 8 ;;
	*) echo x ;;
	esac
}
cd "$top_srcdir/src"
for f in *.c *.h */*.c */*.h; do
	case $f in */*) own=${f%%/*} ;; *) own= ;; esac
	own_rank=0
	[ -n "$own" ] && own_rank=$(rank "$own")
	[ "$own_rank" = x ] && { fail "$f: a folder no layer names ($own)"; continue; }
	for inc in $(sed -n 's/^#include "\([^"]*\)".*/\1/p' "$f"); do
		case $inc in
		config.h) continue ;;
		*/*) to=${inc%%/*} ;;
		*)   continue ;;   # its own folder or the root: found only there
		esac
		to_rank=$(rank "$to")
		if [ "$to_rank" = x ]; then
			fail "$f includes $inc: no such layer"
		elif [ "$to" = "$own" ]; then
			fail "$f includes $inc: write \"${inc#*/}\" for its own folder"
		elif [ "$to_rank" -ge "$own_rank" ]; then
			fail "$f ($own) includes $inc ($to): a layer includes only from below"
		fi
	done
	# A bare name must be in the file's own folder or at the root.
	for inc in $(sed -n 's/^#include "\([^"/]*\)".*/\1/p' "$f"); do
		[ "$inc" = config.h ] && continue
		d=.
		[ -n "$own" ] && d=$own
		[ -f "$d/$inc" ] || [ -f "$inc" ] || fail "$f includes \"$inc\": not in $d/ nor the root"
	done
done
finish
