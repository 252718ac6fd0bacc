# SPDX-License-Identifier: GPL-3.0-or-later
#
# staffing.mod -- clinicq's roster model (GNU MathProg).
#
# The cheapest number of people per shift such that every quarter hour of a
# typical week has the staff each group of roles needs, and every row the
# optimizer has learnt holds.  `clinicq optimize --write-dat FILE` writes the
# data of its last solve, so the same problem can be solved standalone:
#
#     glpsol -m models/staffing.mod -d FILE -o solution.txt
#
# A class may be served by several roles, and any of them may carry it.  The
# requirements are therefore stated per group of roles: the persons of a group
# must carry the work of every class that only the group's roles serve.  By
# Hall's theorem these rows hold exactly when the load of every class can be
# split over the roles that serve it, so the programme chooses which role
# carries which share, and a cheaper role that can do the work is used first.
# See doc/optimizer.md for where the requirements and the rows come from.

set SHIFTS;                      # shift patterns, as named in the scenario; a
                                 # shift with by_day = yes is one per day of its
                                 # days ('desk[mon]', 'desk[tue]', ...), so that
                                 # x is the staff per shift and weekday
set ROLES;                       # roles (pools of staff)
set GROUPS;                      # groups of roles ('rn+md'): unions of serves sets
set MEMBER within {GROUPS, ROLES};
                                 # (g, r): role r belongs to group g
set SLOTS := 0..671;             # quarter hours of the week, 0 = Monday 00:00
set CUTS;                        # rows added by the program (fluid and simulation cuts)

param role{SHIFTS} symbolic in ROLES;
param cost{SHIFTS} >= 0;         # cost per person per week (scheduled hours x cost/hour)
param tiebreak{SHIFTS} >= 0, default 0;
                                 # a tiny extra cost, from the shift's name, that makes
                                 # the optimum unique whatever the order of the file
                                 # (a designed shift's is larger: between it and a
                                 # written shift of the same cost, the written one)
param lo{SHIFTS} integer >= 0;   # the shift's min
param hi{s in SHIFTS} integer >= lo[s];
                                 # the shift's max
param cover{SHIFTS, SLOTS} >= 0, <= 1, default 0;
                                 # expected share of the slot one person of the shift
                                 # is available: on duty, times (1 - absence), less
                                 # breaks spread evenly over their windows
param req{GROUPS, SLOTS} >= 0, default 0;
                                 # people of the group's roles needed on duty in the slot
                                 # (Erlang C for the sync classes only the group serves)
param a{CUTS, SHIFTS}, default 0;
param b{CUTS}, default 0;        # cut k: sum_s a[k,s] x[s] >= b[k]
param necessary{CUTS} binary, default 0;
                                 # 1: a condition of the fluid model that every roster
                                 # meeting the targets satisfies (the search never
                                 # simulates a roster that breaks one); 0: a cut learnt
                                 # from a simulation
param cut_name{CUTS} symbolic, default "";
param avail{SHIFTS} >= 0, default 0;
                                 # expected hours a week one person of the shift is
                                 # available (as cover, over the week)
param load{GROUPS} >= 0, default 0;
                                 # staff hours a week of the classes only the group's
                                 # roles serve; 0: no occupancy row
param max_util > 0, <= 1, default 1;
                                 # [targets] max_utilization

# Shift design: the candidates of each [shift_template] are shifts of SHIFTS
# (bounds 0..max); the staff of all a template's candidates together lies
# within tmin..tmax, and with max_shifts > 0 at most that many of them are
# staffed at all (use[t, s] = 1 when candidate s of t has anyone).  A
# template with by_day = yes is one per day ('rn_flex[mon]', its candidates
# 'rn_flex@07:30+8h[mon]'): its bounds hold day by day.
set TEMPLATES, default {};
set IN_TEMPLATE within {TEMPLATES, SHIFTS},
	default setof{t in TEMPLATES, s in SHIFTS: 0 = 1} (t, s);
param tmin{TEMPLATES} integer >= 0, default 0;
param tmax{t in TEMPLATES} integer >= tmin[t];
param max_shifts{TEMPLATES} integer >= 0, default 0;
                                 # 0: no limit on the candidates staffed

var x{s in SHIFTS} integer, >= lo[s], <= hi[s];
var use{(t, s) in IN_TEMPLATE: max_shifts[t] > 0} binary;

minimize weekly_cost: sum{s in SHIFTS} (cost[s] + tiebreak[s]) * x[s];

s.t. coverage{g in GROUPS, h in SLOTS: req[g, h] > 0}:
	sum{s in SHIFTS: (g, role[s]) in MEMBER} cover[s, h] * x[s] >= req[g, h];

s.t. template_total{t in TEMPLATES}:
	tmin[t] <= sum{(t, s) in IN_TEMPLATE} x[s] <= tmax[t];

s.t. template_use{(t, s) in IN_TEMPLATE: max_shifts[t] > 0}:
	x[s] <= hi[s] * use[t, s];

s.t. template_count{t in TEMPLATES: max_shifts[t] > 0}:
	sum{(t, s) in IN_TEMPLATE} use[t, s] <= max_shifts[t];

# Occupancy: no group busier than max_util of its available hours over the week.
s.t. occupancy{g in GROUPS: load[g] > 0}:
	max_util * sum{s in SHIFTS: (g, role[s]) in MEMBER} avail[s] * x[s] >= load[g];

# Rows the optimizer learnt: the fluid model's necessary rows that a solution
# broke, and the cuts of its simulations.  Declared last, so that each new cut
# is the programme's last row, as the optimizer adds it to the programme it
# keeps in memory.
s.t. cut{k in CUTS}:
	sum{s in SHIFTS} a[k, s] * x[s] >= b[k];

solve;

printf "cost per week %.2f\n", sum{s in SHIFTS} cost[s] * x[s];
printf{s in SHIFTS} "staff %s %d\n", s, x[s];

end;
