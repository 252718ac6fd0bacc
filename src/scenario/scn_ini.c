/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * scn_ini.c — reading a scenario's INI text into sections and entries.
 *
 * inih does the splitting of "key = value" lines, but its handler is not told
 * the line number and its section buffer is shorter than our names, so we feed
 * it through our own reader: the reader hands inih one physical line at a time,
 * counts lines, refuses lines longer than 199 characters, control characters
 * and malformed lines, and notes each "[section]" header itself.  When the
 * handler runs, the reader's state says which line and which section the
 * entry belongs to.  A line within 199 characters may still exceed inih's
 * 200-byte buffer (UTF-8 text); the reader hands such a line over in pieces,
 * each after the first as a continuation that the handler joins without a
 * blank (see rd_piece).
 *
 * A line that starts with blanks right after a key continues that key's value
 * (inih's multi-line mode): its text is appended after a space.
 */
#include "scn_ini.h"
#include "scn_keys.h"

#include <ctype.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "units.h"
#include "utf8.h"

struct rd {
	struct scn_ini_doc *doc;
	struct cq_err *err;
	const char *buf;
	size_t len, pos;
	int line;
	int failed;
	int have_prev;            /* a key line was seen since the last header */
	int cont;                 /* the current line continues the previous key */
	int join;                 /* ... as a piece of a long line: no blank between */
	int cur;                  /* current section index, -1 before any */
	char longl[SCN_INI_MAX_LINE_BYTES + 1];   /* a line too long for inih's buffer */
	size_t lpos, llen;        /* the part of longl not yet handed to inih */
};

/* The first entry of sec with this key, or NULL. */
struct scn_ini_ent *
scn_ini_get(const struct scn_ini_sec *sec, const char *key)
{
	int i;

	if (sec == NULL)
		return NULL;
	for (i = 0; i < sec->nents; i++) {
		if (strcmp(sec->ents[i].key, key) == 0)
			return &sec->ents[i];
	}
	return NULL;
}

/* Set a value of n bytes on an entry, replacing the old one; -1 on no memory. */
static int
ent_set_value(struct scn_ini_ent *e, const char *v, size_t n)
{
	if (n + 1 > e->vcap) {
		char *nv = realloc(e->value, n + 1);

		if (nv == NULL)
			return -1;
		e->value = nv;
		e->vcap = n + 1;
	}
	memcpy(e->value, v, n);
	e->value[n] = '\0';
	e->vlen = n;
	return 0;
}

/* Append " text" (or, with join, "text") to an entry's value, doubling its
 * buffer as needed. */
static int
ent_append(struct scn_ini_ent *e, const char *v, int join)
{
	size_t n = strlen(v), need = e->vlen + 1 + n + 1;

	if (need > e->vcap) {
		size_t cap = e->vcap * 2 > need ? e->vcap * 2 : need;
		char *nv = realloc(e->value, cap);

		if (nv == NULL)
			return -1;
		e->value = nv;
		e->vcap = cap;
	}
	if (e->vlen > 0 && !join)
		e->value[e->vlen++] = ' ';
	memcpy(e->value + e->vlen, v, n + 1);
	e->vlen += n;
	return 0;
}

/* Add an entry to a section; NULL on no memory. */
static struct scn_ini_ent *
sec_add(struct scn_ini_sec *sec, const char *key, const char *value, int line,
    const char *ov)
{
	struct scn_ini_ent *e;

	if (sec->nents == sec->capents) {
		int cap = sec->capents ? sec->capents * 2 : 8;
		struct scn_ini_ent *ne = realloc(sec->ents, (size_t)cap * sizeof *ne);

		if (ne == NULL)
			return NULL;
		sec->ents = ne;
		sec->capents = cap;
	}
	e = &sec->ents[sec->nents];
	memset(e, 0, sizeof *e);
	e->key = strdup(key);
	if (e->key == NULL || ent_set_value(e, value, strlen(value)) != 0) {
		free(e->key);
		free(e->value);
		return NULL;
	}
	e->line = line;
	e->ov = ov;
	sec->nents++;
	return e;
}

/* Add a section to the document; NULL on no memory. */
static struct scn_ini_sec *
doc_add(struct scn_ini_doc *doc, enum scn_sec_type type, const char *name, int line)
{
	struct scn_ini_sec *sec;

	if (doc->nsecs == doc->capsecs) {
		int cap = doc->capsecs ? doc->capsecs * 2 : 16;
		struct scn_ini_sec *ns = realloc(doc->secs, (size_t)cap * sizeof *ns);

		if (ns == NULL)
			return NULL;
		doc->secs = ns;
		doc->capsecs = cap;
	}
	sec = &doc->secs[doc->nsecs++];
	memset(sec, 0, sizeof *sec);
	sec->type = type;
	snprintf(sec->name, sizeof sec->name, "%s", name);
	sec->line = line;
	return sec;
}

/* The section of this type and name, or NULL. */
static struct scn_ini_sec *
doc_find(const struct scn_ini_doc *doc, enum scn_sec_type type, const char *name)
{
	int i;

	for (i = 0; i < doc->nsecs; i++) {
		if (doc->secs[i].type == type && strcmp(doc->secs[i].name, name) == 0)
			return &doc->secs[i];
	}
	return NULL;
}

/* Free everything the document holds (not the struct itself). */
void
scn_ini_free(struct scn_ini_doc *doc)
{
	int i, j;

	if (doc == NULL)
		return;
	for (i = 0; i < doc->nsecs; i++) {
		for (j = 0; j < doc->secs[i].nents; j++) {
			free(doc->secs[i].ents[j].key);
			free(doc->secs[i].ents[j].value);
		}
		free(doc->secs[i].ents);
	}
	free(doc->secs);
	doc->secs = NULL;
	doc->nsecs = doc->capsecs = 0;
}

/* Set an error whose message, cut to fit, ends between UTF-8 characters. */
static int
verr(struct cq_err *err, int code, const char *file, int line, const char *fmt,
    va_list ap)
{
	char msg[2 * CQ_ERR_MSG];

	/* Formatted into twice the room, so the cut below sees the next byte. */
	vsnprintf(msg, sizeof msg, fmt, ap);
	msg[utf8_fit(msg, CQ_ERR_MSG - 1)] = '\0';
	return cq_err_set(err, code, file, line, "%s", msg);
}

/* cq_err_set for messages that quote scenario text; see scn_ini.h. */
int
scn_ini_err(struct cq_err *err, int code, const char *file, int line,
    const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = verr(err, code, file, line, fmt, ap);
	va_end(ap);
	return rc;
}

/* Record a reading error at a line and stop the reader. */
static int
rd_fail(struct rd *rd, int line, const char *fmt, ...)
{
	va_list ap;

	if (rd->failed)
		return -1;
	va_start(ap, fmt);
	verr(rd->err, CQ_EXIT_USAGE, rd->doc->file, line, fmt, ap);
	va_end(ap);
	rd->failed = 1;
	return -1;
}

/* Refuse text that is not UTF-8 or holds characters XML cannot carry (the
 * scenario's names and values reach workbooks and JSON), at its line. */
static int
check_text(const struct scn_ini_doc *doc, const char *text, size_t len, size_t from,
    struct cq_err *err)
{
	const char *why, *bol;
	size_t off, i;
	int line = 1;

	if (utf8_check(text + from, len - from, 1, &off, &why) == 0)
		return 0;
	off += from;
	for (bol = text, i = 0; i < off; i++) {
		if (text[i] == '\n') {
			line++;
			bol = text + i + 1;
		}
	}
	if ((unsigned char)text[off] < 0x80)
		return cq_err_set(err, CQ_EXIT_USAGE, doc->file, line, "line %d contains the "
		    "control character 0x%02x; a scenario is a text file", line,
		    (unsigned char)text[off]);
	return cq_err_set(err, CQ_EXIT_USAGE, doc->file, line, "line %d, byte %d: %s "
	    "(0x%02x); a scenario is a text file in UTF-8: save it as UTF-8", line,
	    (int)(text + off - bol) + 1, why, (unsigned char)text[off]);
}

/* Whether a name uses only [A-Za-z0-9_-]. */
static int
name_ok(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++) {
		if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-')
			return 0;
	}
	return 1;
}

/* Open the section of a header line: text is what stands between [ and ]. */
static int
rd_header(struct rd *rd, char *text)
{
	struct scn_ini_doc *doc = rd->doc;
	struct scn_ini_sec *old;
	struct scn_suggest sg;
	char *p, *name, types[256];
	int t, i, count;

	while (*text == ' ' || *text == '\t')
		text++;
	p = text + strlen(text);
	while (p > text && (p[-1] == ' ' || p[-1] == '\t'))
		*--p = '\0';
	if (*text == '\0')
		return rd_fail(rd, rd->line, "empty section header []; write e.g. [scenario] or [stream NAME]");
	for (p = text; *p != '\0' && *p != ' ' && *p != '\t'; p++)
		;
	name = p;
	if (*p != '\0') {
		*p = '\0';
		name = p + 1;
		while (*name == ' ' || *name == '\t')
			name++;
	}
	t = scn_keys_type_by_name(text);
	if (t < 0) {
		scn_suggest_init(&sg, text);
		for (i = 0; i < SEC_NTYPES; i++)
			scn_suggest_add(&sg, scn_ini_type_name(i));
		if (scn_suggest_best(&sg) != NULL)
			return rd_fail(rd, rd->line, "unknown section type [%s%s%s]; did you mean [%s%s%s]?",
			    text, *name ? " " : "", name, scn_suggest_best(&sg),
			    *name ? " " : "", name);
		scn_keys_sections(types, sizeof types);
		return rd_fail(rd, rd->line, "unknown section type [%s%s%s]; sections are %s",
		    text, *name ? " " : "", name, types);
	}
	if (scn_ini_type_named(t) && *name == '\0')
		return rd_fail(rd, rd->line, "[%s] needs a name, like [%s NAME]", text, text);
	if (!scn_ini_type_named(t) && *name != '\0')
		return rd_fail(rd, rd->line, "[%s] takes no name; write [%s]", text, text);
	if (scn_ini_type_named(t) && !name_ok(name))
		return rd_fail(rd, rd->line, "bad name '%s' in [%s %s]: names use letters, digits, '_' and '-'",
		    name, text, name);
	if (strlen(name) >= SCN_MAX_NAME)
		return rd_fail(rd, rd->line, "the name of [%s %.20s...] is longer than %d characters",
		    text, name, SCN_MAX_NAME - 1);
	if ((old = doc_find(doc, t, name)) != NULL)
		return rd_fail(rd, rd->line, "duplicate section [%s%s%s] (first at line %d)",
		    text, *name ? " " : "", name, old->line);
	for (count = 0, i = 0; i < doc->nsecs; i++)
		count += doc->secs[i].type == (enum scn_sec_type)t;
	if (count >= scn_sectab[t].limit)
		return rd_fail(rd, rd->line, "too many [%s] sections: at most %d (%s)",
		    text, scn_sectab[t].limit, scn_sectab[t].limit_name);
	if (doc_add(doc, t, name, rd->line) == NULL)
		return rd_fail(rd, rd->line, "out of memory");
	rd->cur = doc->nsecs - 1;
	return 0;
}

/* Position of an inline comment (';' after a blank) or of the end of s. */
static char *
comment_start(char *s)
{
	char *p;

	for (p = s; *p != '\0'; p++) {
		if (*p == ';' && p > s && (p[-1] == ' ' || p[-1] == '\t'))
			return p;
	}
	return p;
}

/* Classify the line in str (no newline) the way inih will read it. */
static int
rd_classify(struct rd *rd, char *str)
{
	char copy[SCN_INI_MAX_LINE_BYTES + 1];
	char *p = str, *close, *rest;

	while (*p == ' ' || *p == '\t')
		p++;
	rd->cont = 0;
	if (*p == '\0' || *p == ';' || *p == '#')
		return 0;
	if (p > str && rd->have_prev) {
		rd->cont = 1;
		return 0;
	}
	if (*p == '[') {
		snprintf(copy, sizeof copy, "%s", p + 1);
		*comment_start(copy) = '\0';
		close = strchr(copy, ']');
		if (close == NULL)
			return rd_fail(rd, rd->line, "section header without a closing ']'");
		*close = '\0';
		for (rest = close + 1; *rest == ' ' || *rest == '\t'; rest++)
			;
		if (*rest != '\0')
			return rd_fail(rd, rd->line, "unexpected text '%s' after the section header [%s]",
			    rest, copy);
		rd->have_prev = 0;
		return rd_header(rd, copy);
	}
	close = comment_start(p);
	if (strcspn(p, "=:") >= (size_t)(close - p))
		return rd_fail(rd, rd->line, "expected 'key = value' or a [section] header");
	rd->have_prev = 1;
	return 0;
}

/* Where to cut s (n bytes) so that the first part holds at most max bytes and
 * inih reads the two parts as one: between two characters that are not
 * blanks (inih strips blanks at a piece's ends), the second not starting a
 * comment, and after `from`.  0 when there is no such place. */
static size_t
piece_cut(const char *s, size_t n, size_t from, size_t max)
{
	size_t k;

	for (k = n < max ? n : max; k > from + 1; k--) {
		unsigned char a = (unsigned char)s[k - 1], b = (unsigned char)s[k];

		if ((b & 0xc0) != 0x80 && a != ' ' && a != '\t' && b != ' ' && b != '\t' &&
		    b != ';' && b != '#')
			return k;
	}
	return 0;
}

/* The next piece of a line too long for inih's buffer, as a continuation. */
static char *
rd_piece(struct rd *rd, char *str, int num)
{
	size_t left = rd->llen - rd->lpos, k = left;

	if (left + 2 > (size_t)num && (k = piece_cut(rd->longl + rd->lpos, left, 0,
	    (size_t)num - 2)) == 0) {
		rd_fail(rd, rd->line, "line %d cannot be read: write it with fewer blanks or "
		    "split it over continuation lines", rd->line);
		return NULL;
	}
	str[0] = ' ';
	memcpy(str + 1, rd->longl + rd->lpos, k);
	str[k + 1] = '\0';
	rd->lpos += k;
	rd->cont = rd->join = 1;
	return str;
}

/* A line of n bytes (within SCN_INI_MAX_LINE characters) that inih's buffer of
 * num bytes cannot hold: classified whole, then handed over in pieces; a
 * header or comment needs no pieces, as the reader keeps the section itself. */
static char *
rd_long(struct rd *rd, char *str, int num, const char *start, size_t n)
{
	char *p, *eq, *end;
	size_t k;

	memcpy(rd->longl, start, n);
	rd->longl[n] = '\0';
	if (rd_classify(rd, rd->longl) != 0)
		return NULL;
	for (p = rd->longl; *p == ' ' || *p == '\t'; p++)
		;
	if (!rd->cont && (*p == '\0' || *p == ';' || *p == '#' || *p == '[')) {
		snprintf(str, (size_t)num, "%s", *p == '[' ? "[-]" : ";");
		return str;
	}
	/* Its comment is dropped here, as inih would drop it. */
	end = comment_start(p);
	while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	*end = '\0';
	eq = rd->cont ? p : p + strcspn(p, "=:");
	/* Without its comment the line may fit whole. */
	if ((size_t)(end - rd->longl) < (size_t)num)
		k = (size_t)(end - rd->longl);
	else if ((k = piece_cut(rd->longl, (size_t)(end - rd->longl),
	    (size_t)(eq - rd->longl), (size_t)num - 1)) == 0) {
		rd_fail(rd, rd->line, "line %d cannot be read: write it with fewer blanks or "
		    "split it over continuation lines", rd->line);
		return NULL;
	}
	memcpy(str, rd->longl, k);
	str[k] = '\0';
	rd->lpos = k;
	rd->llen = (size_t)(end - rd->longl);
	return str;
}

/* inih's reader: the next physical line of the buffer, without its newline. */
static char *
rd_line(char *str, int num, void *stream)
{
	struct rd *rd = stream;
	const char *start, *nl;
	size_t n, i;

	if (rd->failed)
		return NULL;
	if (rd->lpos < rd->llen)
		return rd_piece(rd, str, num);
	rd->lpos = rd->llen = 0;
	rd->join = 0;
	if (rd->pos >= rd->len)
		return NULL;
	start = rd->buf + rd->pos;
	nl = memchr(start, '\n', rd->len - rd->pos);
	n = nl != NULL ? (size_t)(nl - start) : rd->len - rd->pos;
	rd->pos += n + (nl != NULL);
	if (n > 0 && start[n - 1] == '\r')
		n--;
	if (++rd->line > SCN_INI_MAX_LINES) {
		rd_fail(rd, rd->line, "more than %d lines (the limit for a scenario file)",
		    SCN_INI_MAX_LINES);
		return NULL;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)start[i];

		if (c == '\0') {
			rd_fail(rd, rd->line, "line %d contains a NUL byte; a scenario is a text file",
			    rd->line);
			return NULL;
		}
		if (c < 0x20 && c != '\t') {
			rd_fail(rd, rd->line, "line %d contains the control character 0x%02x; "
			    "a scenario is a text file", rd->line, c);
			return NULL;
		}
	}
	/* The text is UTF-8 (check_text): characters are the bytes not 10xxxxxx. */
	if (n > SCN_INI_MAX_LINE_BYTES || utf8_count(start, n) > SCN_INI_MAX_LINE) {
		rd_fail(rd, rd->line, "line %d is longer than %d characters; shorten it, or "
		    "continue a value on the next line indented by a blank", rd->line,
		    SCN_INI_MAX_LINE);
		return NULL;
	}
	if (num < 4 || n > (size_t)num - 1)
		return rd_long(rd, str, num, start, n);
	memcpy(str, start, n);
	str[n] = '\0';
	if (rd_classify(rd, str) != 0)
		return NULL;
	return str;
}

/* Whether a continuation's text looks like a key line or a header that was
 * indented by mistake. */
static int
looks_like_key(const char *v)
{
	const char *p = v;

	if (*p == '[')
		return 1;
	if (!isalpha((unsigned char)*p) && *p != '_')
		return 0;
	while (isalnum((unsigned char)*p) || *p == '_')
		p++;
	while (*p == ' ' || *p == '\t')
		p++;
	return *p == '=' || *p == ':';
}

/* inih's handler: one key = value (or a continuation) of the current line. */
static int
rd_entry(void *user, const char *section, const char *name, const char *value)
{
	struct rd *rd = user;
	struct scn_ini_sec *sec;
	struct scn_ini_ent *old;
	char label[SCN_MAX_NAME + 16], msg[CQ_ERR_MSG];

	(void)section;
	if (rd->failed)
		return 0;
	if (name == NULL)
		return 1;
	if (value == NULL)
		value = "";
	if (rd->cur < 0) {
		rd_fail(rd, rd->line, "key '%s' comes before any section; put it under a "
		    "header like [scenario]", name);
		return 0;
	}
	sec = &rd->doc->secs[rd->cur];
	scn_ini_label(sec, label, sizeof label);
	if (rd->cont) {
		old = sec->nents > 0 ? &sec->ents[sec->nents - 1] : NULL;
		if (old == NULL || strcmp(old->key, name) != 0) {
			rd_fail(rd, rd->line, "indented line in [%s] continues no key", label);
			return 0;
		}
		if (!rd->join && looks_like_key(value)) {
			rd_fail(rd, rd->line, "line %d is indented, so it continues '%s' above; "
			    "remove its leading blanks", rd->line, name);
			return 0;
		}
		if (ent_append(old, value, rd->join) != 0) {
			rd_fail(rd, rd->line, "out of memory");
			return 0;
		}
		return 1;
	}
	if (*name == '\0') {
		rd_fail(rd, rd->line, "a value without a key in [%s]", label);
		return 0;
	}
	if (!scn_keys_known(sec->type, name)) {
		scn_keys_unknown_msg(sec, sec->type, name, msg, sizeof msg);
		rd_fail(rd, rd->line, "%s", msg);
		return 0;
	}
	if (!scn_keys_repeats(sec->type, name) && (old = scn_ini_get(sec, name)) != NULL) {
		rd_fail(rd, rd->line, "duplicate key '%s' in [%s] (first at line %d)", name,
		    label, old->line);
		return 0;
	}
	if (sec_add(sec, name, value, rd->line, NULL) == NULL) {
		rd_fail(rd, rd->line, "out of memory");
		return 0;
	}
	return 1;
}

/* Read a scenario's text into doc; on error fills err and returns -1. */
int
scn_ini_read(struct scn_ini_doc *doc, const char *text, size_t len,
    struct cq_err *err)
{
	struct rd rd;
	const char *nul;
	int rc, line;
	size_t i;

	memset(&rd, 0, sizeof rd);
	rd.doc = doc;
	rd.err = err;
	rd.buf = text;
	rd.len = len;
	rd.cur = -1;
	if (len > SCN_INI_MAX_BYTES)
		return cq_err_set(err, CQ_EXIT_USAGE, doc->file, 0,
		    "larger than 4 MiB (the limit for a scenario file)");
	if ((nul = memchr(text, '\0', len)) != NULL) {
		for (line = 1, i = 0; text + i < nul; i++)
			line += text[i] == '\n';
		return cq_err_set(err, CQ_EXIT_USAGE, doc->file, line,
		    "line %d contains a NUL byte; a scenario is a text file", line);
	}
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		rd.pos = 3;
	if (check_text(doc, text, len, rd.pos, err) != 0)
		return -1;
	rc = ini_parse_stream(rd_line, &rd, rd_entry, &rd);
	if (rd.failed)
		return -1;
	/* A key may be empty on its line and get its value from continuations. */
	for (i = 0; i < (size_t)doc->nsecs; i++) {
		const struct scn_ini_sec *sec = &doc->secs[i];
		char label[SCN_MAX_NAME + 16];
		int j;

		for (j = 0; j < sec->nents; j++) {
			if (sec->ents[j].vlen > 0)
				continue;
			scn_ini_label(sec, label, sizeof label);
			return cq_err_set(err, CQ_EXIT_USAGE, doc->file, sec->ents[j].line,
			    "no value for '%s' in [%s]; write %s = VALUE or remove the line",
			    sec->ents[j].key, label, sec->ents[j].key);
		}
	}
	if (rc > 0)
		return cq_err_set(err, CQ_EXIT_USAGE, doc->file, rc,
		    "expected 'key = value' or a [section] header");
	if (rc < 0)
		return cq_err_set(err, CQ_EXIT_FAIL, doc->file, 0, "inih failed (%d)", rc);
	return 0;
}

/* Split a dotted path and find its section; see scn_ini.h. */
int
scn_ini_locate(const struct scn_ini_doc *doc, const char *path,
    struct scn_ini_sec **secp, enum scn_sec_type *typep, char *keybuf, size_t keyn,
    char *msg, size_t msgn)
{
	char buf[256], *parts[4], *p;
	struct scn_suggest sg;
	struct scn_ini_sec *sec;
	int nparts = 0, t, i;

	if (strlen(path) >= sizeof buf) {
		snprintf(msg, msgn, "SECTION.KEY too long");
		return -1;
	}
	snprintf(buf, sizeof buf, "%s", path);
	for (p = buf; nparts < 4;) {
		parts[nparts++] = p;
		if ((p = strchr(p, '.')) == NULL)
			break;
		*p++ = '\0';
	}
	for (i = 0; i < nparts; i++) {
		char *e;

		while (*parts[i] == ' ' || *parts[i] == '\t')
			parts[i]++;
		e = parts[i] + strlen(parts[i]);
		while (e > parts[i] && (e[-1] == ' ' || e[-1] == '\t'))
			*--e = '\0';
	}
	if (nparts < 2 || p != NULL || parts[0][0] == '\0' || parts[nparts - 1][0] == '\0') {
		snprintf(msg, msgn, "expected SECTION.KEY, like stream.portal.per_week or scenario.weeks");
		return -1;
	}
	t = scn_keys_type_by_name(parts[0]);
	if (t < 0) {
		scn_suggest_init(&sg, parts[0]);
		for (i = 0; i < SEC_NTYPES; i++)
			scn_suggest_add(&sg, scn_ini_type_name(i));
		if (scn_suggest_best(&sg) != NULL)
			snprintf(msg, msgn, "unknown section type '%s'; did you mean '%s'?",
			    parts[0], scn_suggest_best(&sg));
		else
			snprintf(msg, msgn, "unknown section type '%s'", parts[0]);
		return -1;
	}
	if (scn_ini_type_named(t) && nparts != 3) {
		snprintf(msg, msgn, "a [%s] section is named: write %s.NAME.KEY", parts[0], parts[0]);
		return -1;
	}
	if (!scn_ini_type_named(t) && nparts != 2) {
		snprintf(msg, msgn, "[%s] takes no name: write %s.KEY", parts[0], parts[0]);
		return -1;
	}
	sec = doc_find(doc, t, scn_ini_type_named(t) ? parts[1] : "");
	if (sec == NULL && scn_ini_type_named(t)) {
		scn_suggest_init(&sg, parts[1]);
		for (i = 0; i < doc->nsecs; i++) {
			if (doc->secs[i].type == (enum scn_sec_type)t)
				scn_suggest_add(&sg, doc->secs[i].name);
		}
		if (scn_suggest_best(&sg) != NULL)
			snprintf(msg, msgn, "there is no section [%s %s]; did you mean [%s %s]?",
			    parts[0], parts[1], parts[0], scn_suggest_best(&sg));
		else
			snprintf(msg, msgn, "there is no section [%s %s]", parts[0], parts[1]);
		return -1;
	}
	if (sec == NULL && t != SEC_SCENARIO && t != SEC_CALENDAR && t != SEC_TARGETS) {
		snprintf(msg, msgn, "there is no section [%s]; add it to the file first", parts[0]);
		return -1;
	}
	if (!scn_keys_known(t, parts[nparts - 1])) {
		scn_keys_unknown_msg(sec, t, parts[nparts - 1], msg, msgn);
		return -1;
	}
	snprintf(keybuf, keyn, "%s", parts[nparts - 1]);
	*secp = sec;
	*typep = t;
	return 0;
}

/* Apply one override "SECTION.KEY=VALUE": replace every value of the key in
 * that section, or add it. */
int
scn_ini_override(struct scn_ini_doc *doc, const char *text, struct cq_err *err)
{
	char path[256], key[64], msg[CQ_ERR_MSG - 64];
	const char *eq = strchr(text, '='), *v;
	struct scn_ini_sec *sec;
	enum scn_sec_type t;
	size_t n;
	int i, j;

	/* Checked as a file's text is, before the text is echoed in a message. */
	if (utf8_check(text, strlen(text), 0, &n, &v) != 0) {
		if ((unsigned char)text[n] < 0x80)
			return cq_err_set(err, CQ_EXIT_USAGE, doc->file, 0, "--set option "
			    "%d: contains the control character 0x%02x; values are plain text",
			    doc->noverrides + 1, (unsigned char)text[n]);
		return cq_err_set(err, CQ_EXIT_USAGE, doc->file, 0, "--set option %d, byte "
		    "%zu: %s (0x%02x); values are UTF-8 text", doc->noverrides + 1, n + 1, v,
		    (unsigned char)text[n]);
	}
	doc->noverrides++;
	if (eq == NULL || eq == text || (size_t)(eq - text) >= sizeof path)
		return scn_ini_err(err, CQ_EXIT_USAGE, doc->file, 0,
		    "--set %s: expected SECTION.KEY=VALUE, like --set stream.portal.per_week=1800",
		    text);
	memcpy(path, text, (size_t)(eq - text));
	path[eq - text] = '\0';
	if (scn_ini_locate(doc, path, &sec, &t, key, sizeof key, msg, sizeof msg) != 0)
		return scn_ini_err(err, CQ_EXIT_USAGE, doc->file, 0, "--set %s: %s", text, msg);
	for (v = eq + 1; *v == ' ' || *v == '\t'; v++)
		;
	n = strlen(v);
	while (n > 0 && (v[n - 1] == ' ' || v[n - 1] == '\t'))
		n--;
	if (n == 0)
		return scn_ini_err(err, CQ_EXIT_USAGE, doc->file, 0,
		    "--set %s: no value after '='", text);
	if (sec == NULL && (sec = doc_add(doc, t, "", 0)) == NULL)
		return cq_err_set(err, CQ_EXIT_FAIL, doc->file, 0, "out of memory");
	for (i = 0, j = 0; i < sec->nents; i++) {
		if (strcmp(sec->ents[i].key, key) == 0) {
			free(sec->ents[i].key);
			free(sec->ents[i].value);
		} else
			sec->ents[j++] = sec->ents[i];
	}
	sec->nents = j;
	if (sec_add(sec, key, "", 0, text) == NULL ||
	    ent_set_value(&sec->ents[sec->nents - 1], v, n) != 0)
		return cq_err_set(err, CQ_EXIT_FAIL, doc->file, 0, "out of memory");
	return 0;
}
