/* opt.c - shared option arguments. See LICENSE. */
#include "opt.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "num.h"

#ifndef IND_VERSION
#define IND_VERSION "unknown"
#endif

void ind_opt_version(void)
{
	printf("%s (ind-tools) %s\n", ind_progname(), IND_VERSION);
	puts("License: MIT. This is free software: you are free to change and redistribute it.");
}

char ind_opt_delimiter(const char *arg)
{
	if (strcmp(arg, "tab") == 0 || strcmp(arg, "\\t") == 0 || strcmp(arg, "\t") == 0)
		return '\t';
	if (strlen(arg) == 1 && strchr(",;|", arg[0]))
		return arg[0];
	ind_usage_error("invalid delimiter '%s' (use ',', ';', '|' or 'tab')", arg);
}

char ind_opt_decimal(const char *arg)
{
	if (strcmp(arg, ",") == 0 || strcmp(arg, "comma") == 0)
		return ',';
	if (strcmp(arg, ".") == 0 || strcmp(arg, "point") == 0)
		return '.';
	ind_usage_error("invalid decimal mark '%s' (use ',' or '.')", arg);
}

enum ind_encoding ind_opt_encoding(const char *arg)
{
	if (strcmp(arg, "auto") == 0)
		return IND_ENC_AUTO;
	if (strcmp(arg, "utf-8") == 0 || strcmp(arg, "utf8") == 0 || strcmp(arg, "UTF-8") == 0)
		return IND_ENC_UTF8;
	if (strcmp(arg, "cp1252") == 0 || strcmp(arg, "windows-1252") == 0 || strcmp(arg, "latin1") == 0 ||
	    strcmp(arg, "latin-1") == 0 || strcmp(arg, "iso-8859-1") == 0 || strcmp(arg, "ISO-8859-1") == 0)
		return IND_ENC_CP1252;
	ind_usage_error("invalid encoding '%s' (use auto, utf-8 or cp1252)", arg);
}

long ind_opt_count(const char *opt, const char *arg)
{
	char *end;
	long v;
	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno || end == arg || *end || v < 0)
		ind_usage_error("invalid %s '%s': expected a whole number", opt, arg);
	return v;
}

long ind_opt_range(const char *opt, const char *arg, long lo, long hi)
{
	long v = ind_opt_count(opt, arg);
	if (v < lo || v > hi)
		ind_usage_error("invalid %s '%s': from %ld to %ld", opt, arg, lo, hi);
	return v;
}

double ind_opt_seconds(const char *opt, const char *arg, double lo, double hi)
{
	char *end;
	double x = strtod(arg, &end);
	if (end == arg || *end || !(x >= lo && x <= hi))
		ind_usage_error("invalid %s '%s' (seconds, %g to %g)", opt, arg, lo, hi);
	return x;
}

double ind_opt_fraction(const char *opt, const char *arg)
{
	struct ind_num n;
	if (ind_num_parse(arg, strlen(arg), '.', IND_DASH_MISSING, &n) != IND_NUM_OK || !(n.value > 0 && n.value < 1))
		ind_usage_error("invalid %s '%s': a number between 0 and 1 (e.g. 0.05)", opt, arg);
	return n.value;
}

enum ind_lang ind_opt_lang(const char *arg)
{
	enum ind_lang lang;
	if (!ind_lang_parse(arg, &lang))
		ind_usage_error("invalid --lang '%s' (use fi, en or sv)", arg);
	return lang;
}

int ind_opt_choice(const char *opt, const char *arg, const char *const names[])
{
	char list[256];
	size_t len = 0;
	int n = 0;

	while (names[n] && strcmp(arg, names[n]) != 0)
		n++;
	if (names[n])
		return n;
	for (int k = 0; k < n && len < sizeof list; k++)
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%s", k == 0 ? "" : k + 1 < n ? ", " : " or ",
					names[k]);
	ind_usage_error("invalid %s '%s' (use %s)", opt, arg, list);
}
