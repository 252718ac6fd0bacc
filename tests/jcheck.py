#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""jcheck.py — named checks of a JSON file, for the shell tests.

    jcheck.py FILE NAME EXPR...      every EXPR must be true
    jcheck.py FILE --get EXPR        print the value of EXPR

Each EXPR is a Python expression over `d` (the JSON, loaded), with `near(a, b,
tol=1e-9)` and the builtins.  A failed check prints one line naming the check,
the file and the expression, and for a comparison the values on both sides
(`FAIL: optimize answer: d["roster"]["day"] == 5: 4 != 5`), then exit status 1;
tests/setup.sh's json_check() turns that into one fail() per expression.
"""
import ast
import json
import sys


def near(a, b, tol=1e-9):
    return abs(a - b) <= tol * max(1.0, abs(b))


def sides(expr, env):
    """The values of a comparison's two sides, for the message."""
    try:
        node = ast.parse(expr, mode="eval").body
    except SyntaxError:
        return ""
    if isinstance(node, ast.Compare) and len(node.comparators) == 1:
        try:
            left = eval(compile(ast.Expression(node.left), "<expr>", "eval"), env)
            right = eval(compile(ast.Expression(node.comparators[0]), "<expr>", "eval"), env)
            return ": %r against %r" % (left, right)
        except Exception as e:      # the message must not fail in its turn
            return ": (%s)" % e
    return ""


def main(argv):
    if len(argv) < 4:
        sys.exit("usage: jcheck.py FILE NAME EXPR... | FILE --get EXPR")
    path, name, exprs = argv[1], argv[2], argv[3:]
    try:
        d = json.load(open(path))
    except (OSError, ValueError) as e:
        print("FAIL: %s: %s is not JSON: %s" % (name, path, e))
        return 1
    env = {"d": d, "near": near}
    if name == "--get":
        print(eval(exprs[0], env))
        return 0
    bad = 0
    for expr in exprs:
        try:
            ok = eval(expr, env)
        except Exception as e:
            print("FAIL: %s: %s: %s: %s: %s" % (name, path, expr, type(e).__name__, e))
            bad += 1
            continue
        if not ok:
            print("FAIL: %s: %s: %s%s" % (name, path, expr, sides(expr, env)))
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
