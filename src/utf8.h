/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * utf8.h — UTF-8 text, checked, cut and counted in one place: scenario and
 * log files are checked when read, names and messages are cut to fit their
 * buffers between characters, and workbook columns are as wide as the
 * characters they hold.
 */
#ifndef CQ_UTF8_H
#define CQ_UTF8_H

#include <stddef.h>

/* Check that n bytes are UTF-8 of characters XML 1.0 can carry: no control
 * characters but tab (and, with newlines, LF and CR before LF), no surrogates,
 * overlong forms, U+FFFE or U+FFFF.  On failure *off is the first bad byte's
 * offset, *why says what it is, and -1 is returned. */
int utf8_check(const char *s, size_t n, int newlines, size_t *off, const char **why);
/* The length of the longest prefix of s, at most max bytes, that does not end
 * inside a character (for cutting a string to fit a buffer). */
size_t utf8_fit(const char *s, size_t max);
/* n, or less when the n bytes at s end with a character cut short (a buffer
 * that was already cut): the length that ends between characters. */
size_t utf8_complete(const char *s, size_t n);
/* The number of characters (code points) in s. */
size_t utf8_length(const char *s);
/* The same over the n bytes at s. */
size_t utf8_count(const char *s, size_t n);

#endif
