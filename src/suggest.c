/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * suggest.c — the edit distance of did-you-mean messages.
 */
#include "suggest.h"

#include <string.h>

int
suggest_distance(const char *a, const char *b)
{
	int d[3][128], i, j, v, la = (int)strlen(a), lb = (int)strlen(b);
	int *cur, *prev, *prev2;

	if (la > 120 || lb > 120)
		return -1;
	for (j = 0; j <= lb; j++)
		d[0][j] = j;
	for (i = 1; i <= la; i++) {
		cur = d[i % 3];
		prev = d[(i - 1) % 3];
		prev2 = d[(i + 1) % 3];
		cur[0] = i;
		for (j = 1; j <= lb; j++) {
			v = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 1 < v)
				v = prev2[j - 2] + 1;
			cur[j] = v;
		}
	}
	return d[la % 3][lb];
}

int
suggest_near(const char *word, const char *cand)
{
	int d = suggest_distance(word, cand);
	int len = (int)strlen(word);
	int limit = len / 3 > 2 ? len / 3 : 2;

	if (d < 0 || d > limit || d >= len || strcmp(cand, word) == 0)
		return -1;
	return d;
}
