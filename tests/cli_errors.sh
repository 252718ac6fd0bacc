#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# cli_errors.sh — the command line's error corpus, one case a line:
#   EXIT | PHRASE | ARGUMENTS   (@P is the shipped portal scenario, @K the
#                                 output folder holding earlier results)
# Each must exit EXIT with one "clinicq: " line on stderr containing PHRASE, print
# nothing on stdout, and leave the earlier results in @K untouched.
. "$(dirname "$0")/setup.sh"

mkdir "$tmp/keep"
echo "earlier workbook" >"$tmp/keep/out.xlsx"
echo "earlier result" >"$tmp/keep/classes.csv"
cp -p "$tmp/keep/out.xlsx" "$tmp/keep/classes.csv" "$tmp/"

n=0
while IFS='|' read -r code phrase args; do
	case $code in ''|'#'*) continue ;; esac
	n=$((n + 1))
	code=$(echo $code)
	phrase=$(echo "$phrase" | sed 's/^ *//; s/ *$//')
	args=$(echo "$args" | sed "s|@P|$SCN/portal_inbox.ini|g; s|@K|$tmp/keep|g")
	# shellcheck disable=SC2086
	expect_exit "$code" "$CLINICQ" $args
	grep -q '^clinicq: ' "$tmp/err" || fail "$args: stderr does not start with 'clinicq: '"
	grep -qF -- "$phrase" "$tmp/err" || fail "$args: stderr lacks '$phrase': $(head -c 300 "$tmp/err")"
	[ -s "$tmp/out" ] && fail "$args: printed on stdout: $(head -c 200 "$tmp/out")"
	cmp -s "$tmp/out.xlsx" "$tmp/keep/out.xlsx" && cmp -s "$tmp/classes.csv" "$tmp/keep/classes.csv" ||
		fail "$args: changed an existing output file"
	[ "$(ls -A "$tmp/keep" | tr '\n' ' ')" = "classes.csv out.xlsx " ] ||
		fail "$args: left files: $(ls -A "$tmp/keep" | tr '\n' ' ')"
	rm -rf "$tmp/keep"; mkdir "$tmp/keep"; cp -p "$tmp/out.xlsx" "$tmp/classes.csv" "$tmp/keep/"
done <<'EOF'
# commands
2 | unknown command 'frobnicate'          | frobnicate
2 | unknown command 'rnu'                 | rnu @P
2 | no scenario file given                | run
2 | more than one scenario file given     | run @P @P -o @K/out.xlsx
2 | missing SCENARIO.ini                  | check
# options and their values
2 | '--bogus'                             | run @P --bogus -o @K/out.xlsx
2 | option '-r' needs a value             | run @P -o @K/out.xlsx -r
# another command's option, named as such (not by its value)
2 | unknown option '--db' (an option of 'clinicq sweep') | run @P --db @K/x.sqlite
2 | unknown option '--resume' (an option of 'clinicq sweep') | optimize @P --resume
2 | unknown option '--verbose' (an option of 'clinicq optimize') | sweep @P --verbose
2 | -r 0                                  | run @P -r 0 -o @K/out.xlsx
2 | -r -5                                 | run @P -r -5 --csv @K
2 | -r 1e3                                | run @P -r 1e3 --csv @K
2 | -r 99999999999999999999               | run @P -r 99999999999999999999 --csv @K
2 | --seed -1                             | run @P --seed -1 --csv @K
2 | --seed 1x                             | run @P --seed 1x --csv @K
2 | --seed 99999999999999999999999        | run @P --seed 99999999999999999999999 --csv @K
2 | -j 0                                  | run @P -j 0 --csv @K
2 | -j x                                  | run @P -j x --csv @K
2 | must end in .xlsx                     | run @P -o @K/out.txt
2 | must end in .xlsx                     | run @P -o .xlsx
2 | option '--set' needs a value          | run @P --csv @K --set
2 | expected SECTION.KEY=VALUE            | run @P --csv @K --set scenario.weeks
2 | expected SECTION.KEY                  | run @P --csv @K --set .weeks=1
2 | expected SECTION.KEY                  | run @P --csv @K --set scenario.=1
2 | no value after '='                    | run @P --csv @K --set scenario.weeks=
2 | did you mean 'weeks'                  | run @P --csv @K --set scenario.weks=3
2 | did you mean [stream portal]          | run @P --csv @K --set stream.portl.per_week=3
2 | bad value 'nan'                       | run @P --csv @K --set stream.portal.per_week=nan
2 | bad value 'inf'                       | run @P --csv @K --set scenario.weeks=inf
2 | number out of range                   | run @P --csv @K --set scenario.weeks=1e308
# output places that cannot be written (after the run: still nothing kept)
1 | cannot create a file here             | run @P -r 1 --quiet --set scenario.weeks=1 -o /nonexistent/dir/x.xlsx --csv @K
1 | cannot create the folder              | run @P -r 1 --quiet --set scenario.weeks=1 --csv /nonexistent/dir/sub -o @K/out.xlsx
1 | exists and is not a folder            | run @P -r 1 --quiet --set scenario.weeks=1 --csv @K/out.xlsx
# erlang
2 | missing --rate                        | erlang
2 | --rate 'inf/h'                        | erlang --rate inf/h --service 10min --servers 3
2 | --service '0'                         | erlang --rate 40/h --service 0 --servers 3
2 | --servers '0'                         | erlang --rate 40/h --service 10min --servers 0
2 | --target '200%<=5min'                 | erlang --rate 40/h --service 10min --target 200%<=5min
EOF
[ "$n" -ge 30 ] || fail "only $n cases"
echo "$n command-line errors"

# Outputs are written through temporaries, but end up with the usual mode.
umask 027
mkdir "$tmp/modes"
expect_exit 0 "$CLINICQ" run "$SCN/portal_inbox.ini" -r 1 --quiet --set scenario.weeks=1 \
    --csv "$tmp/modes" -o "$tmp/modes/w.xlsx"
for f in "$tmp/modes"/*; do
	[ "$(stat -c %a "$f")" = 640 ] || fail "$f has mode $(stat -c %a "$f"), want 640 (umask 027)"
done
# Counts are digits only: no sign, no blank (strtol would take them).
for arg in "-r: 4" "-r:+4" "-j:+2" "-j: 2" "--seed: 7" "--seed:+7"; do
	opt=${arg%%:*}; val=${arg#*:}
	expect_exit 2 "$CLINICQ" run "$top_srcdir/tests/opt/three_shifts.ini" "$opt" "$val"
	expect_err "digits only"
done
finish
