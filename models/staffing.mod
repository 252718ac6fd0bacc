# SPDX-License-Identifier: GPL-3.0-or-later
#
# staffing.mod -- clinicq's roster model (GNU MathProg).
#
# The cheapest number of people per shift such that every quarter hour of a
# typical week has the staff each role needs, and every cut the optimizer has
# learnt holds.  `clinicq optimize --write-dat FILE` writes the data of its last
# solve, so the same problem can be solved standalone:
#
#     glpsol -m models/staffing.mod -d FILE -o solution.txt
#
# See doc/optimizer.md for where the requirements and the cuts come from.

set SHIFTS;                      # shift patterns, as named in the scenario
set ROLES;                       # roles (pools of staff)
set SLOTS := 0..671;              # quarter hours of the week, 0 = Monday 00:00
set CUTS;                        # rows added by the program (fluid and simulation cuts)

param role{SHIFTS} symbolic in ROLES;
param cost{SHIFTS} >= 0;         # cost per person per week (scheduled hours x cost/hour)
param tiebreak{SHIFTS} >= 0, default 0;
                                 # a tiny extra cost that makes the optimum unique
param lo{SHIFTS} integer >= 0;   # the shift's min
param hi{s in SHIFTS} integer >= lo[s];
                                 # the shift's max
param cover{SHIFTS, SLOTS} >= 0, <= 1, default 0;
                                 # share of the slot one person of the shift is on duty
param req{ROLES, SLOTS} >= 0, default 0;
                                 # people of the role needed on duty in the slot
param a{CUTS, SHIFTS}, default 0;
param b{CUTS}, default 0;        # cut k: sum_s a[k,s] x[s] >= b[k]
param cut_name{CUTS} symbolic, default "";

var x{s in SHIFTS} integer, >= lo[s], <= hi[s];

minimize weekly_cost: sum{s in SHIFTS} (cost[s] + tiebreak[s]) * x[s];

s.t. coverage{r in ROLES, h in SLOTS: req[r, h] > 0}:
	sum{s in SHIFTS: role[s] == r} cover[s, h] * x[s] >= req[r, h];

s.t. cut{k in CUTS}:
	sum{s in SHIFTS} a[k, s] * x[s] >= b[k];

solve;

printf "cost per week %.2f\n", sum{s in SHIFTS} cost[s] * x[s];
printf{s in SHIFTS} "staff %s %d\n", s, x[s];

end;
