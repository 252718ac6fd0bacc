/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * suggest.h — did-you-mean: the edit distance between a mistyped word and a
 * candidate, and whether the candidate is near enough to suggest.  At the
 * root, since both the scenario reader and the log profile reader use it.
 */
#ifndef CQ_SUGGEST_H
#define CQ_SUGGEST_H

/* Optimal-string-alignment distance (insertions, deletions, substitutions,
 * adjacent swaps); -1 for a word over 120 bytes. */
int suggest_distance(const char *a, const char *b);
/* cand's distance to word when it is near enough to suggest (at most a third
 * of word's length, at least 2, and short of all of it), else -1. */
int suggest_near(const char *word, const char *cand);

#endif
