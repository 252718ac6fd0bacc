/* SPDX-License-Identifier: GPL-3.0-or-later */
/* utf8.c — checking, cutting and counting UTF-8 text (utf8.h). */
#include "utf8.h"

#include <string.h>

/* Decode the character at s (n > 0 bytes left); returns its length, or 0 with
 * *why when the bytes are not UTF-8 or not a character XML 1.0 can carry. */
static size_t
decode(const unsigned char *s, size_t n, int newlines, const char **why)
{
	unsigned long c;
	size_t len, i;

	if (s[0] < 0x80) {
		if ((s[0] < 0x20 && s[0] != '\t' && !(newlines && (s[0] == '\n' ||
		    (s[0] == '\r' && n > 1 && s[1] == '\n')))) || s[0] == 0x7f) {
			*why = "a control character";
			return 0;
		}
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		len = 2, c = s[0] & 0x1fu;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		len = 3, c = s[0] & 0x0fu;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		len = 4, c = s[0] & 0x07u;
	else {
		*why = s[0] == 0xc0 || s[0] == 0xc1 ? "an overlong UTF-8 encoding" :
		    "a byte that is not UTF-8 (text in Latin-1 or another encoding?)";
		return 0;
	}
	for (i = 1; i < len; i++) {
		if (i >= n || (s[i] & 0xc0) != 0x80) {
			*why = "a byte that is not UTF-8 (text in Latin-1 or another encoding?)";
			return 0;
		}
		c = c << 6 | (s[i] & 0x3fu);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000)) {
		*why = "an overlong UTF-8 encoding";
		return 0;
	}
	if (c > 0x10ffff) {
		*why = "a code point above U+10FFFF";
		return 0;
	}
	if (c >= 0xd800 && c <= 0xdfff) {
		*why = "an encoded surrogate (U+D800 to U+DFFF), which is not a character";
		return 0;
	}
	if (c == 0xfffe || c == 0xffff) {
		*why = "the noncharacter U+FFFE or U+FFFF, which XML cannot carry";
		return 0;
	}
	if (c >= 0x80 && c <= 0x9f) {
		*why = "a control character";
		return 0;
	}
	return len;
}

/* Check n bytes of text; see utf8.h. */
int
utf8_check(const char *s, size_t n, int newlines, size_t *off, const char **why)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, len;

	while (i < n) {
		if ((len = decode(u + i, n - i, newlines, why)) == 0) {
			*off = i;
			return -1;
		}
		i += len;
	}
	return 0;
}

/* The longest prefix of s of at most max bytes that ends between characters. */
size_t
utf8_fit(const char *s, size_t max)
{
	size_t n = strlen(s);

	if (n <= max)
		return n;
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return max;
}

/* Drop a character cut short at the end of n bytes. */
size_t
utf8_complete(const char *s, size_t n)
{
	size_t k, want;
	unsigned char c;

	for (k = n; k > 0 && ((unsigned char)s[k - 1] & 0xc0) == 0x80; k--)
		;
	if (k == 0 || ((unsigned char)s[k - 1] & 0x80) == 0)
		return n;
	c = (unsigned char)s[k - 1];
	want = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
	return n - (k - 1) < want ? k - 1 : n;
}

/* Characters, not bytes: what a column's width counts. */
size_t
utf8_length(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

size_t
utf8_count(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}
