/* regions_data.h - the built-in classification's tables (made by scripts/gen-regions.awk). See LICENSE. */
#ifndef IND_REGIONS_DATA_H
#define IND_REGIONS_DATA_H

#include <stddef.h>

/* One municipality in one year; names index ind_class_names. */
struct ind_class_muni {
	short year, code;
	unsigned char maakunta, county;
	unsigned short name_fi, name_sv;
};

struct ind_class_merger {
	short year, old_code, new_code;	/* in force from 1 January of year */
};

struct ind_class_area {
	unsigned char code;
	unsigned short name_fi, name_sv, name_en;
};

extern const char *const ind_class_names[];
extern const struct ind_class_muni ind_class_munis[];	/* by year, then code */
extern const size_t ind_class_nmunis;
extern const struct ind_class_merger ind_class_mergers[];
extern const size_t ind_class_nmergers;
extern const struct ind_class_area ind_class_counties[], ind_class_maakunnat[];
extern const size_t ind_class_ncounties, ind_class_nmaakunnat;

#endif
