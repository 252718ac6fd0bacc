/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * rota.mod — people for a roster: the covering programme of clinicq's rota
 * (SPEC 5.4, doc/rota.md).
 *
 * A line is one person's cycle: its contract and, for each day of the cycle
 * (week 1 Monday first, then week 2, ...), the shift worked or off.  clinicq
 * generates the lines that follow every rule of their contract (days a week,
 * hours, days off together, consecutive days, rest, weekends off, the shifts
 * it may work) and writes them here; the programme then chooses how many
 * persons work each line:
 *
 *   minimize   sum over lines of (cost + tie) x
 *   subject to for each shift and day of the cycle with a demand:
 *                the persons of the lines that work that shift that day
 *                >= the demand of the shift on that weekday;
 *              for each contract: min_people <= its persons <= max_people;
 *              x whole, >= 0.
 *
 * Two rows add no rota and cut none: n[c], a contract's persons, whole, and
 * per role (a group) the days its persons work in the cycle, at least the
 * shift-days its roster needs.  Their LP bound is the same, but branching on
 * a whole headcount closes in a few nodes a gap that branching on single
 * lines leaves open (one night shift, a full-time and a part-time contract:
 * 2720 against 3100, unproven in a minute without them).
 *
 * cost is a person's weekly cost on the line.  tie, a small cost per person,
 * breaks ties between rotas of equal cost in favour of fewer persons (clinicq
 * sets it to a millionth of a lower bound on the weekly cost, at least
 * 0.0001: "least cost, then fewest people").
 *
 * With the data clinicq writes (clinicq rota --write-dat FILE):
 *   glpsol -m models/rota.mod -d FILE
 * solves the very programme of clinicq's last solve.
 */

set CONTRACTS;                 # of the roles solved
set SHIFTS;
param ndays integer >= 7;      # days of the cycle: 7 x its weeks
set DAYS := 1 .. ndays;        # day 1 is Monday of week 1

set LINES;
param contract{LINES} symbolic in CONTRACTS;
param cost{LINES} >= 0;        # a person's weekly cost on the line
# works[s, d]: the lines that work shift s on day d (the coverage incidence).
set works{SHIFTS, DAYS} within LINES default {};

# Persons each shift needs on each weekday (1 = Monday .. 7 = Sunday).
param demand{SHIFTS, 1 .. 7} >= 0, integer, default 0;
param min_people{CONTRACTS} >= 0, integer, default 0;
param max_people{c in CONTRACTS} >= min_people[c], default Infinity;
param tie >= 0, default 0;
set GROUPS;                    # the roles solved
param group{CONTRACTS} symbolic in GROUPS;
param days_worked{CONTRACTS} integer >= 0;  # by a person in the cycle
param need{GROUPS} integer >= 0, default 0; # shift-days of the cycle

set LINES_OF{c in CONTRACTS} := setof{l in LINES: contract[l] = c} l;

# Persons working each line.
var x{LINES} integer >= 0;
var n{CONTRACTS} integer >= 0;

minimize people_cost: sum{l in LINES} (cost[l] + tie) * x[l];

s.t. cover{s in SHIFTS, d in DAYS: demand[s, (d - 1) mod 7 + 1] > 0}:
	sum{l in works[s, d]} x[l] >= demand[s, (d - 1) mod 7 + 1];

s.t. least{c in CONTRACTS: min_people[c] > 0}:
	sum{l in LINES_OF[c]} x[l] >= min_people[c];

s.t. most{c in CONTRACTS: max_people[c] < Infinity}:
	sum{l in LINES_OF[c]} x[l] <= max_people[c];

s.t. count{c in CONTRACTS}:
	sum{l in LINES_OF[c]} x[l] - n[c] = 0;

s.t. workdays{g in GROUPS}:
	sum{c in CONTRACTS: group[c] = g} days_worked[c] * n[c] >= need[g];

solve;

printf "weekly cost of people %.2f, persons %d\n",
	sum{l in LINES} cost[l] * x[l], sum{l in LINES} x[l];
printf{c in CONTRACTS: sum{l in LINES_OF[c]} x[l] > 0.5}
	"  %s: %d\n", c, sum{l in LINES_OF[c]} x[l];

end;
