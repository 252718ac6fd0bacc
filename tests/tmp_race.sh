#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# tmp_race.sh — in a folder anyone may write (0777, no sticky bit), another
# user who swaps clinicq's temporary for a link to a file of the victim's must
# not redirect the write.  A racer (standing in for that user: it touches only
# what the shared folder lets anyone touch) watches the folder; every regular
# temporary it finds it replaces with a link to the victim's file, every
# temporary folder it finds it renames away and replaces with one of its own
# holding such a link.  The victim's file must be untouched, the outputs must
# land complete, and the temporaries must have been private 0700 folders.
. "$(dirname "$0")/setup.sh"

mkdir "$tmp/shared" "$tmp/shared/c"
chmod 0777 "$tmp/shared" "$tmp/shared/c"
echo "the victim's own file" >"$tmp/victim"
cp "$tmp/victim" "$tmp/victim.before"

cat >"$tmp/racer.py" <<'PY'
import os, stat, sys, time
shared, victim, stopfile, report = sys.argv[1:5]
mine, seen, k = set(), [], 0
folders = [shared, os.path.join(shared, 'c')]
deadline = time.time() + 60
while not os.path.exists(stopfile) and time.time() < deadline:
    for d in folders:
        try:
            names = os.listdir(d)
        except OSError:
            continue
        for n in names:
            p = os.path.join(d, n)
            if '.tmp' not in n or p in mine:
                continue
            try:
                st = os.lstat(p)
                if stat.S_ISREG(st.st_mode):
                    seen.append('file')
                    os.symlink(victim, p + '.lnk')
                    os.rename(p + '.lnk', p)
                    mine.add(p)
                elif stat.S_ISDIR(st.st_mode):
                    seen.append('dir %o' % stat.S_IMODE(st.st_mode))
                    k += 1
                    os.rename(p, os.path.join(d, '.stolen%d' % k))
                    os.mkdir(p)
                    os.chmod(p, 0o777)
                    base = n[1:n.rindex('.tmp')]
                    os.symlink(victim, os.path.join(p, base))
                    mine.add(p)
            except OSError:
                pass
with open(report, 'w') as f:
    f.write('\n'.join(seen) + '\n')
PY

"$PYTHON3" "$tmp/racer.py" "$tmp/shared" "$tmp/victim" "$tmp/stop" "$tmp/seen" &
racer=$!
sleep 0.3
expect_exit 0 "$CLINICQ" run "$SCN/portal_inbox.ini" -r 2 --quiet \
    -o "$tmp/shared/out.xlsx" --csv "$tmp/shared/c"
touch "$tmp/stop"
wait "$racer"

cmp -s "$tmp/victim" "$tmp/victim.before" || fail "the victim's file was written through a link"
[ -L "$tmp/shared/out.xlsx" ] && fail "out.xlsx is the racer's link"
[ "$(head -c 2 "$tmp/shared/out.xlsx")" = "PK" ] || fail "out.xlsx is not a workbook"
"$PYTHON3" -c "import sys, zipfile; sys.exit(zipfile.ZipFile(sys.argv[1]).testzip() is not None)" \
    "$tmp/shared/out.xlsx" || fail "out.xlsx is not a complete workbook"
for f in classes roles safety backlog; do
	[ -f "$tmp/shared/c/$f.csv" ] && [ ! -L "$tmp/shared/c/$f.csv" ] || fail "$f.csv not written"
done
head -1 "$tmp/shared/c/classes.csv" | grep -q , || fail "classes.csv has no header"
[ -s "$tmp/seen" ] || fail "the racer saw no temporary (too slow a machine?)"
grep -q '^file' "$tmp/seen" && fail "a temporary was a file in the shared folder"
grep '^dir' "$tmp/seen" | grep -qv '^dir 700$' && fail "a temporary folder was not 0700: $(sort -u "$tmp/seen")"

# Without a racer: the outputs have the usual mode (0666 less the umask) and
# nothing is left beside them.
mkdir "$tmp/plain"
(umask 022 && "$CLINICQ" run "$SCN/portal_inbox.ini" -r 2 --quiet -o "$tmp/plain/out.xlsx" \
    --csv "$tmp/plain/c" >/dev/null) || fail "a plain run failed"
[ "$(stat -c %a "$tmp/plain/out.xlsx")" = 644 ] || fail "out.xlsx mode $(stat -c %a "$tmp/plain/out.xlsx"), want 644"
[ "$(stat -c %a "$tmp/plain/c/classes.csv")" = 644 ] || fail "classes.csv mode is not 644"
[ "$(ls -A "$tmp/plain")" = "c
out.xlsx" ] || fail "files left beside the outputs: $(ls -A "$tmp/plain")"
[ "$(ls -A "$tmp/plain/c" | wc -l)" = 5 ] || fail "files left in the CSV folder: $(ls -A "$tmp/plain/c")"
finish
