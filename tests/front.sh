#!/bin/sh
# front.sh — the two programs (src/front.h): clinicq runs run, check and erlang
# itself, linked without libxlsxwriter, GLPK, SQLite or MPI, and hands optimize,
# sweep, --version and run -o to clinicq-full, with the same arguments and exit
# status.
. "$top_srcdir/tests/setup.sh"

# Start-up cost is what the split is for: the front end must not load the heavy
# libraries (ldd lists what the dynamic linker would load).
if command -v ldd >/dev/null 2>&1; then
	ldd "$CLINICQ" >"$tmp/ldd" 2>&1 || fail "ldd $CLINICQ"
	for lib in libxlsxwriter libglpk libsqlite3 libmpi libcrypto; do
		grep -q "$lib" "$tmp/ldd" && fail "clinicq loads $lib at start-up"
	done
	ldd "$top_builddir/clinicq-full" >"$tmp/ldd" 2>&1 || fail "ldd clinicq-full"
	grep -q libxlsxwriter "$tmp/ldd" || fail "clinicq-full lacks libxlsxwriter"
fi

# Handed over: the same output and exit status as clinicq-full's own.
expect_exit 0 "$CLINICQ" --version
expect_out "built with GLPK"
expect_exit 0 "$CLINICQ" optimize --help
expect_out "usage: clinicq optimize"
expect_exit 2 "$CLINICQ" sweep "$tmp/none.ini"
expect_err "none.ini: cannot open"
printf '[scenario]\nweeks = x\n' >"$tmp/bad.ini"
expect_exit 2 "$CLINICQ" optimize "$tmp/bad.ini"
expect_err "bad.ini:2:"
expect_exit 0 "$CLINICQ" run "$SCN/mmc_check.ini" -r 2 --set scenario.weeks=2 --quiet \
	-o "$tmp/book.xlsx"
[ -s "$tmp/book.xlsx" ] || fail "run -o wrote no workbook"

# Without clinicq-full, what needs it fails with a message that says what to do,
# and what does not still runs.
CLINICQ_FULL=$tmp/missing/clinicq-full
export CLINICQ_FULL
expect_exit 1 "$CLINICQ" optimize "$SCN/family_practice_roster.ini"
expect_err "cannot start $tmp/missing/clinicq-full"
expect_err "set CLINICQ_FULL"
expect_exit 1 "$CLINICQ" run "$SCN/mmc_check.ini" -o "$tmp/book2.xlsx"
expect_err "cannot start"
[ -e "$tmp/book2.xlsx" ] && fail "a workbook without clinicq-full"
expect_exit 0 "$CLINICQ" run "$SCN/mmc_check.ini" -r 2 --set scenario.weeks=2 --json
expect_out '"classes"'
unset CLINICQ_FULL

finish
