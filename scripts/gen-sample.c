/* gen-sample - write the seeded sample data in sample-data/ (make sample-data). See LICENSE.
 *
 * Monthly indicators 2017-01..2024-12 for three project regions and three
 * comparison regions, with season, noise, a COVID-19 disturbance from
 * 2020-03 and three interventions; the access and digital indicators are
 * counted from a generated event file, so ind-agg can reproduce them.
 * The same data is written in several real-world layouts.
 */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "period.h"

#define SEED 20200301UL
#define YEAR0 2017
#define NMONTHS 96
#define NREG 6

struct region {
	const char *name, *code;	/* county name, official county code */
	int sotkanet;			/* Sotkanet region id */
	double pop, growth;		/* 2021 population, yearly growth */
	double t3, access, events;	/* T3 level (days), 7-day access share, pilot-station visits/month */
	const char *municipalities[6];
};

static const struct region regions[NREG] = {
	{ "Pohjois-Savo", "13", 974, 248000, -0.003, 24, 0.55, 300, { "297", "749", "915", "140", "420", "778" } },
	{ "Keski-Pohjanmaa", "18", 964, 77500, -0.002, 19, 0.60, 160, { "272", "217", "236", "849", "924", "584" } },
	{ "Lappi", "21", 968, 177000, -0.004, 27, 0.50, 220, { "698", "851", "240", "758", "148", "320" } },
	{ "Etelä-Savo", "12", 959, 131000, -0.008, 23, 0.56, 200, { "491", "740", "593", NULL } },
	{ "Kainuu", "20", 962, 71500, -0.009, 26, 0.52, 150, { "205", "765", "290", NULL } },
	{ "Pohjois-Pohjanmaa", "19", 973, 415000, 0.003, 22, 0.57, 320, { "564", "678", "977", "305", NULL } },
};

enum { PS, KP, LA };

static const char *const indicators[] = { "t3_days", "access_7d", "emergency_visits", "digital_share", "gp_visits" };
enum { T3, ACCESS, EMERGENCY, DIGITAL, GP, NIND };

struct cell {
	double value;
	long num, den;		/* for shares; den 0 when not a share */
	int missing;
};

static struct cell data[NREG][NIND][NMONTHS];
static long pop[NREG][8];

static double t_of(int i) { return YEAR0 + i / 12.0; }
static int month_of(int i) { return i % 12 + 1; }
static int year_of(int i) { return YEAR0 + i / 12; }
static int at(int y, int m) { return (y - YEAR0) * 12 + m - 1; }

/* COVID-19: a sharp drop in visits in spring 2020, milder until the end of the year. */
static double covid_visits(int i)
{
	if (i >= at(2020, 3) && i <= at(2020, 5))
		return 0.70;
	if (i >= at(2020, 6) && i <= at(2020, 12))
		return 0.88;
	return 1.0;
}

static double digital_p(int r, int i)
{
	double t = t_of(i), p = 0.08 + 0.015 * (t - YEAR0);
	if (i >= at(2020, 3))
		p += 0.05;
	if (r == PS && i >= at(2021, 1))
		p += 0.10 + 0.03 * (t - 2021);	/* e-services */
	if (r == LA && i >= at(2021, 9))
		p += 0.04;			/* remote reception */
	return p;
}

static double access_p(int r, int i)
{
	int m = month_of(i);
	double p = regions[r].access - 0.01 * (t_of(i) - YEAR0);
	if (m == 7)
		p -= 0.08;
	else if (m == 6 || m == 8)
		p -= 0.04;
	if (i >= at(2020, 4) && i <= at(2020, 5))
		p += 0.08;			/* fewer patients in the spring of 2020 */
	if (r == LA && i >= at(2021, 9))
		p += 0.10;			/* remote reception */
	return p < 0.05 ? 0.05 : p > 0.95 ? 0.95 : p;
}

static void date_text(long days, char buf[11])
{
	int y, m, d;
	ind_civil_from_days(days, &y, &m, &d);
	snprintf(buf, 11, "%04d-%02d-%02d", y, m, d);
}

/* Events of the pilot health stations; the access and digital cells are counted from them. */
static void events(gsl_rng *rng, gzFile gz)
{
	static const char *const channels[] = { "digital", "phone", "in-person" };
	gzprintf(gz, "region,municipality,contact_date,visit_date,channel,urgency\n");
	for (int r = 0; r < NREG; r++) {
		int nmun = 0;
		while (nmun < 6 && regions[r].municipalities[nmun])
			nmun++;
		for (int i = 0; i < NMONTHS; i++) {
			int y = year_of(i), m = month_of(i);
			long first = ind_days_from_civil(y, m, 1), ndays = ind_days_in_month(y, m);
			unsigned n = gsl_ran_poisson(rng, regions[r].events * covid_visits(i));
			long acc_num = 0, acc_den = 0, dig = 0;
			for (unsigned k = 0; k < n; k++) {
				long visit = first + (long)gsl_rng_uniform_int(rng, (unsigned long)ndays), wait;
				bool urgent = gsl_rng_uniform(rng) < 0.25;
				int ch = gsl_rng_uniform(rng) < digital_p(r, i) ? 0 : gsl_rng_uniform(rng) < 0.4 ? 1 : 2;
				char cd[11], vd[11];
				if (urgent) {
					wait = gsl_rng_uniform(rng) < 0.8 ? 0 : 1;
				} else {
					if (gsl_rng_uniform(rng) < access_p(r, i))
						wait = (long)gsl_rng_uniform_int(rng, 8);
					else
						wait = 8 + (long)gsl_ran_geometric(rng, 1 / 12.0) - 1;
					if (wait > 150)
						wait = 150;
					acc_den++;
					acc_num += wait <= 7;
				}
				dig += ch == 0;
				date_text(visit - wait, cd);
				date_text(visit, vd);
				gzprintf(gz, "%s,%s,%s,%s,%s,%s\n", regions[r].name,
					 regions[r].municipalities[gsl_rng_uniform_int(rng, (unsigned long)nmun)], cd, vd,
					 channels[ch], urgent ? "urgent" : "non-urgent");
			}
			data[r][ACCESS][i] = (struct cell){ round(1000.0 * acc_num / acc_den) / 10, acc_num, acc_den, 0 };
			data[r][DIGITAL][i] = (struct cell){ round(1000.0 * dig / n) / 10, dig, (long)n, 0 };
		}
	}
}

static void indicators_model(gsl_rng *rng)
{
	for (int r = 0; r < NREG; r++) {
		for (int y = 0; y < 8; y++)
			pop[r][y] = lround(regions[r].pop * (1 + regions[r].growth * (YEAR0 + y - 2021)));
		for (int i = 0; i < NMONTHS; i++) {
			int m = month_of(i);
			double t = t_of(i), p = (double)pop[r][i / 12], t3, em, gp;

			t3 = regions[r].t3 + 0.8 * (t - YEAR0) + (m == 7 ? 6 : m == 6 || m == 8 ? 3 : m == 12 ? 2 : 0);
			if (i >= at(2020, 3) && i <= at(2020, 5))
				t3 -= 4;
			if (i >= at(2020, 9))
				t3 += 3 * exp(-(t - 2020.75) / 1.5);	/* the backlog after spring 2020 */
			if (r == LA && i >= at(2021, 9))
				t3 -= 6;
			t3 += gsl_ran_gaussian(rng, 1.5);
			data[r][T3][i].value = round(10 * (t3 < 1 ? 1 : t3)) / 10;

			em = 28.0 * (m <= 2 || m == 12 ? 1.10 : m == 7 ? 1.05 : 1.0) * covid_visits(i);
			if (r == KP && i >= at(2020, 2))
				em *= 0.85 * exp(-0.03 * (t - 2020 - 1 / 12.0));	/* team model */
			data[r][EMERGENCY][i].value = gsl_ran_poisson(rng, p * em / 1000);

			gp = 45.0 * (m == 7 ? 0.75 : m == 6 || m == 8 ? 0.88 : 1.0) * covid_visits(i);
			data[r][GP][i].value = gsl_ran_poisson(rng, p * gp / 1000);
		}
	}
	data[4][T3][at(2018, 7)].missing = 1;
	data[4][T3][at(2018, 8)].missing = 1;
	data[LA][GP][0].missing = 1;
}

static FILE *create(const char *dir, const char *name)
{
	char path[512];
	FILE *f;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	if (!(f = fopen(path, "w"))) {
		perror(path);
		exit(1);
	}
	return f;
}

static void done(FILE *f)
{
	if (ferror(f) || fclose(f) != 0) {
		perror("gen-sample: write");
		exit(1);
	}
}

/* The value as publishers write it: shares and T3 with one decimal, counts whole. */
static void value_text(int ind, const struct cell *c, char decimal, char *buf, size_t n)
{
	char *p;
	if (c->missing) {
		buf[0] = '\0';
		return;
	}
	snprintf(buf, n, ind == EMERGENCY || ind == GP ? "%.0f" : "%.1f", c->value);
	if ((p = strchr(buf, '.')))
		*p = decimal;
}

static void write_long(FILE *f)
{
	char v[32];
	fprintf(f, "region,indicator,period,value,numerator,denominator\n");
	for (int r = 0; r < NREG; r++)
		for (int k = 0; k < NIND; k++)
			for (int i = 0; i < NMONTHS; i++) {
				const struct cell *c = &data[r][k][i];
				value_text(k, c, '.', v, sizeof v);
				fprintf(f, "%s,%s,%04d-%02d,%s,", regions[r].name, indicators[k], year_of(i), month_of(i), v);
				if (c->den)
					fprintf(f, "%ld,%ld\n", c->num, c->den);
				else
					fprintf(f, ",\n");
			}
}

/* UTF-8 'ä' 'ö' 'Ä' 'Ö' to Latin-1, for the PxWeb file. */
static void latin1(FILE *f, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == 0xC3 && p[1]) {
			fputc(p[1] + 0x40, f);
			p++;
		} else {
			fputc(*p, f);
		}
	}
}

static void write_pxweb(FILE *f)
{
	char v[32];
	fprintf(f, "\"Perusterveydenhuollon indikaattorit kuukausittain hyvinvointialueittain, 2017M01-2024M12\"\r\n\r\n");
	fprintf(f, "\"Alue\";\"Tiedot\"");
	for (int i = 0; i < NMONTHS; i++)
		fprintf(f, ";\"%04dM%02d\"", year_of(i), month_of(i));
	fprintf(f, "\r\n");
	for (int r = 0; r < NREG; r++)
		for (int k = 0; k < NIND; k++) {
			fputc('"', f);
			latin1(f, regions[r].name);
			fprintf(f, "\";\"%s\"", indicators[k]);
			for (int i = 0; i < NMONTHS; i++) {
				value_text(k, &data[r][k][i], ',', v, sizeof v);
				fprintf(f, data[r][k][i].missing ? ";\"..\"" : ";%s", v);
			}
			fprintf(f, "\r\n");
		}
}

/* Yearly figures, as Sotkanet publishes them: emergency visits per 1000 and the digital share. */
static void write_annual(FILE *lng, FILE *sot)
{
	static const struct { int id; const char *name; } ind[2] = { { 4123, "emergency_visits_per_1000" },
								    { 5567, "digital_share" } };
	fprintf(lng, "region,indicator,period,value\n");
	fprintf(sot, "indicator;region;year;gender;primary value;absolute value\n");
	for (int k = 0; k < 2; k++)
		for (int r = 0; r < NREG; r++)
			for (int y = 0; y < 8; y++) {
				long num = 0, den = 0;
				double v;
				for (int i = 12 * y; i < 12 * y + 12; i++)
					if (k == 0)
						num += (long)data[r][EMERGENCY][i].value;
					else
						num += data[r][DIGITAL][i].num, den += data[r][DIGITAL][i].den;
				if (k == 0)
					den = pop[r][y];
				v = (k == 0 ? 1000.0 : 100.0) * num / den;
				fprintf(lng, "%s,%s,%d,%.1f\n", regions[r].name, ind[k].name, YEAR0 + y, v);
				fprintf(sot, "%d;%d;%d;total;%.1f;%ld\n", ind[k].id, regions[r].sotkanet, YEAR0 + y, v, num);
				/* the gender split Sotkanet also gives, which ind-load leaves out by default */
				fprintf(sot, "%d;%d;%d;male;%.1f;%ld\n", ind[k].id, regions[r].sotkanet, YEAR0 + y, v * 0.97, num / 2);
				fprintf(sot, "%d;%d;%d;female;%.1f;%ld\n", ind[k].id, regions[r].sotkanet, YEAR0 + y, v * 1.03, num - num / 2);
			}
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "sample-data";
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	char path[512];
	gzFile gz;
	FILE *f;

	gsl_rng_set(rng, SEED);
	snprintf(path, sizeof path, "%s/events.csv.gz", dir);
	if (!(gz = gzopen(path, "wb9"))) {
		perror(path);
		return 1;
	}
	events(rng, gz);
	if (gzclose(gz) != Z_OK)
		return 1;
	indicators_model(rng);

	{	/* the long file, and the same bytes gzipped */
		char *buf;
		size_t len;
		FILE *mem = open_memstream(&buf, &len);
		write_long(mem);
		fclose(mem);
		f = create(dir, "indicators.csv");
		fwrite(buf, 1, len, f);
		done(f);
		snprintf(path, sizeof path, "%s/indicators.csv.gz", dir);
		gz = gzopen(path, "wb9");
		if (!gz || gzwrite(gz, buf, (unsigned)len) != (int)len || gzclose(gz) != Z_OK)
			return 1;
		free(buf);
	}
	write_pxweb(f = create(dir, "indicators_pxweb.csv"));
	done(f);
	{
		FILE *lng = create(dir, "indicators_annual.csv"), *sot = create(dir, "sotkanet_annual.csv");
		write_annual(lng, sot);
		done(lng);
		done(sot);
	}

	f = create(dir, "sotkanet_regions.csv");
	fprintf(f, "code,name\n");
	for (int r = 0; r < NREG; r++)
		fprintf(f, "%d,%s\n", regions[r].sotkanet, regions[r].name);
	done(f);
	f = create(dir, "sotkanet_indicators.csv");
	fprintf(f, "code,name\n4123,emergency_visits_per_1000\n5567,digital_share\n");
	done(f);

	f = create(dir, "regions.csv");
	fprintf(f, "municipality,region,county_code\n");
	for (int r = 0; r < NREG; r++)
		for (int k = 0; k < 6 && regions[r].municipalities[k]; k++)
			fprintf(f, "%s,%s,%s\n", regions[r].municipalities[k], regions[r].name, regions[r].code);
	done(f);

	f = create(dir, "population.csv");
	fprintf(f, "region,period,population\n");
	for (int r = 0; r < NREG; r++)
		for (int y = 0; y < 8; y++)
			fprintf(f, "%s,%d,%ld\n", regions[r].name, YEAR0 + y, pop[r][y]);
	done(f);

	f = create(dir, "interventions.csv");
	fprintf(f, "region,indicator,period,label\n"
		   "Keski-Pohjanmaa,emergency_visits,2020-02,tiimimalli\n"
		   "Pohjois-Savo,digital_share,2021-01,sähköiset palvelut\n"
		   "Lappi,access_7d,2021-09,etävastaanotto\n"
		   "Lappi,t3_days,2021-09,etävastaanotto\n"
		   "Lappi,digital_share,2021-09,etävastaanotto\n");
	done(f);
	gsl_rng_free(rng);
	return 0;
}
