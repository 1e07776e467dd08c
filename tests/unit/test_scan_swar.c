/* test_scan_swar.c - the scanner's portable eight-bytes-at-a-time path (for machines without SSE2), put
 * in place of the SSE2 one and run through every check of test_scan.c. See LICENSE. */
#define IND_SCAN_SWAR
#include "scan.c"
#include "test_scan.c"
