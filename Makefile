# ind-tools: indicator and outcome analytics for wellbeing services counties.
# One plain Makefile. `make deps` installs what the build needs (Debian).

VERSION = 0.1.0

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
DOCDIR ?= $(PREFIX)/share/doc/ind-tools
DESTDIR ?=

PKG_CONFIG ?= pkg-config
CSV_LIBS ?= -lcsv
CFLAGS ?= -O2 -g

# OUT lets sanitizer builds live beside the normal one (make check-asan).
OUT ?= .
BIN = $(OUT)/bin
OBJ = $(OUT)/build

WARN = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wformat=2
ifeq ($(WERROR),1)
WARN += -Werror
endif
# Recursive (=) so pkg-config runs after `make deps` has installed the packages.
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags gsl zlib jansson)
PKG_LIBS = $(shell $(PKG_CONFIG) --libs gsl zlib jansson)
IND_CFLAGS = -std=c11 -pthread -D_POSIX_C_SOURCE=200809L $(WARN) -DIND_VERSION='"$(VERSION)"' -Ilib $(PKG_CFLAGS)
IND_LIBS = $(CSV_LIBS) $(PKG_LIBS) -lm -pthread
# libcurl only for ind-fetch (lib/fetch.c): the other tools do not link it.
CURL_CFLAGS = $(shell $(PKG_CONFIG) --cflags libcurl)
CURL_LIBS = $(shell $(PKG_CONFIG) --libs libcurl)

TOOLS = ind-load ind-agg ind-trend ind-compare ind-table ind-plot ind-report ind-fetch
LIB_SRC = $(wildcard lib/*.c)
# The built-in regional classification: tables generated from lib/data by an awk script.
AWK ?= awk
REGIONS_CSV = lib/data/municipalities.csv lib/data/municipality_mergers.csv lib/data/counties.csv
LIB_OBJ = $(LIB_SRC:%.c=$(OBJ)/%.o) $(OBJ)/gen/regions_data.o
LIBIND = $(OBJ)/lib/libind.a
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(OBJ)/tests/%)
SCRIPT_BIN = $(OBJ)/scripts/gen-sample $(OBJ)/scripts/csvparse $(OBJ)/scripts/gen-bench
# The local HTTP server the ind-fetch tests answer from.
TEST_SERVER = $(OBJ)/tests/fake-http

# Debian packages the build, the tests and the charts need (parallel: the shard recipe of ind-agg(1)).
DEB_PACKAGES = gcc make libc6-dev pkg-config libcsv-dev libgsl-dev zlib1g-dev libjansson-dev gnuplot-nox perl groff-base valgrind libcurl4-openssl-dev parallel
# Optional: ind-report --format docx/odt (pandoc) and pdf (chromium), and the tests that open those
# files (unzip, poppler-utils: pdftotext). Without them those tests skip. `make deps OPTIONAL=1`
# installs them too; plain `make deps` only names the missing ones.
DEB_OPTIONAL = pandoc chromium unzip poppler-utils
# Installed in $(DOCDIR); the man pages' FILES sections name them there.
DOC_FILES = docs/format.md docs/design.md sample-data/report.conf scripts/cron-example.sh scripts/inputs.conf

.PHONY: all deps check check-asan check-browser check-valgrind fuzz fuzz-build demo install uninstall clean bench sample-data
.SUFFIXES:

all: $(TOOLS:%=$(BIN)/%)

$(OBJ)/lib/fetch.o: IND_CFLAGS += $(CURL_CFLAGS)
# The test of the fetch requests links libcurl, as ind-fetch does.
$(OBJ)/tests/test_fetchrun: IND_LIBS += $(CURL_LIBS)

$(OBJ)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(IND_CFLAGS) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(OBJ)/gen/regions_data.c: scripts/gen-regions.awk $(REGIONS_CSV)
	@mkdir -p $(@D)
	$(AWK) -f scripts/gen-regions.awk $(REGIONS_CSV) >$@.tmp && mv $@.tmp $@

$(OBJ)/gen/regions_data.o: $(OBJ)/gen/regions_data.c lib/regions_data.h
	$(CC) $(IND_CFLAGS) $(CPPFLAGS) $(CFLAGS) -c $< -o $@

$(LIBIND): $(LIB_OBJ)
	$(AR) rcs $@ $^

$(BIN)/ind-fetch: $(OBJ)/cmd/ind-fetch.o $(LIBIND)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) $^ $(IND_LIBS) $(CURL_LIBS) $(LDLIBS) -o $@

$(BIN)/%: $(OBJ)/cmd/%.o $(LIBIND)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) $^ $(IND_LIBS) $(LDLIBS) -o $@

$(OBJ)/tests/fake-http: tests/fake-http.c
	@mkdir -p $(@D)
	$(CC) -std=c11 $(WARN) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) $< -o $@

$(OBJ)/tests/%: $(OBJ)/tests/unit/%.o $(LIBIND)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) $^ $(IND_LIBS) $(LDLIBS) -o $@

$(OBJ)/scripts/%: $(OBJ)/scripts/%.o $(LIBIND)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) $^ $(IND_LIBS) $(LDLIBS) -o $@

deps:
	@installed() { dpkg-query -W -f='$${Status}\n' $$1 2>/dev/null | grep -q '^install ok installed'; }; \
	missing=; for p in $(DEB_PACKAGES); do installed $$p || missing="$$missing $$p"; done; \
	optional=; for p in $(DEB_OPTIONAL); do installed $$p || optional="$$optional $$p"; done; \
	if [ -n "$$optional" ] && command -v dpkg-query >/dev/null 2>&1; then \
	  if [ "$(OPTIONAL)" = 1 ] && [ "$$(id -u)" = 0 ]; then missing="$$missing$$optional"; \
	  else echo "note: optional packages not installed:$$optional (make deps OPTIONAL=1; their tests skip)"; fi; \
	fi; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
	  echo "installing:$$missing"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else \
	  echo "missing packages:$$missing" >&2; \
	  echo "run: sudo apt-get install$$missing" >&2; exit 1; \
	fi

check: deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN) $(SCRIPT_BIN) $(TEST_SERVER)
	@if [ "$(OUT)" = . ] && command -v clang >/dev/null 2>&1; then \
	  $(MAKE) --no-print-directory fuzz-build >/dev/null 2>&1 || echo "note: the fuzzers did not build (libclang-rt-14-dev?)"; fi
	@IND_BIN=$(abspath $(BIN)) IND_TESTBIN=$(abspath $(OBJ)) sh tests/run $(UNIT_BIN) tests/*.t

# The same suite, built with AddressSanitizer and UndefinedBehaviorSanitizer.
check-asan: deps
	@$(MAKE) --no-print-directory OUT=build/asan \
	  CFLAGS='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined' \
	  LDFLAGS='-fsanitize=address,undefined' check

# Headless Chromium renders the sample report (skips where Chromium is not installed), then the
# report's sentences, in Finnish and in English, are checked for forms they must not have. Not part
# of `make check`: it fails on any such sentence, printing each one.
check-browser: deps all
	@sh scripts/browser-check out/report-screenshot.png; rc=$$?; \
	IND_BIN=$(abspath $(BIN)) sh scripts/check-sentences || rc=1; exit $$rc

# libFuzzer harnesses (clang): build/fuzz/fuzz_*; `make fuzz FUZZ_SECONDS=N` runs each for N seconds
# (findings: build/fuzz/NAME-crash-*, -leak-*, -timeout-*).
FUZZ_TARGETS = reader number period config agg_dates table partial events px json pxweb
FUZZ_SECONDS ?= 60
FUZZ_BLOCK_FILES ?= 200
FUZZ_FLAGS = -g -O1 -fsanitize=address,undefined -fno-sanitize-recover=undefined
fuzz-build:
	@$(MAKE) --no-print-directory OUT=build/fuzz CC=clang CFLAGS='$(FUZZ_FLAGS) -fsanitize=fuzzer-no-link' build/fuzz/build/lib/libind.a
	@for t in $(FUZZ_TARGETS); do \
	  clang $(IND_CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer tests/fuzz/fuzz_$$t.c build/fuzz/build/lib/libind.a \
	    $(IND_LIBS) -o build/fuzz/fuzz_$$t || exit 1; done

fuzz: deps all fuzz-build
	@for t in $(FUZZ_TARGETS); do mkdir -p build/fuzz/corpus/$$t; \
	  echo "== fuzz_$$t ($(FUZZ_SECONDS) s)"; \
	  build/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 -artifact_prefix=build/fuzz/$$t- \
	    build/fuzz/corpus/$$t tests/fuzz/seeds/$$t 2>&1 | grep -E 'stat::number_of_executed_units|ERROR|SUMMARY' ; \
	done
	@echo "== block cuts: $(FUZZ_BLOCK_FILES) random files against one sequential pass"
	@IND_BIN=$(abspath $(BIN)) IND_BLOCKS_FILES=$(FUZZ_BLOCK_FILES) IND_BLOCKS_SEED=$$(date +%s) sh tests/blocks.t | grep -v '^ok'

# The CLI and scripted tests under valgrind memcheck: no errors, no definite leaks.
check-valgrind: deps all $(TEST_SERVER)
	@IND_BIN=$(abspath $(BIN)) IND_TESTBIN=$(abspath $(OBJ)) \
	  IND_VALGRIND='valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite' \
	  sh tests/run tests/cli.t tests/layouts.t tests/agg-sample.t tests/compare-sample.t tests/did.t tests/fetch.t

sample-data: $(OBJ)/scripts/gen-sample
	$(OBJ)/scripts/gen-sample sample-data

# The pipeline on sample-data/ into out/demo/; then report.docx and report.pdf where pandoc and
# Chromium are installed (said so, and skipped, where not).
demo: deps all
	@sh scripts/demo
	@echo; echo "== ind-report --format: the report as Word and PDF"; \
	fmt=; skipped=; \
	if command -v pandoc >/dev/null 2>&1; then fmt=docx; else skipped="report.docx (no pandoc)"; fi; \
	if command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || \
	   command -v google-chrome >/dev/null 2>&1; then fmt="$$fmt pdf"; \
	else skipped="$${skipped:+$$skipped, }report.pdf (no chromium)"; fi; \
	if [ -n "$$fmt" ]; then $(BIN)/ind-report --format "$$fmt" --config sample-data/report.conf -o out/demo/report || exit 1; fi; \
	if [ -n "$$skipped" ]; then echo "skipped $$skipped: apt-get install pandoc chromium"; fi

bench: all $(OBJ)/scripts/csvparse $(OBJ)/scripts/gen-bench
	@sh scripts/bench

# The man pages name the files of $(DOCDIR) and the tools in $(BINDIR) with the default
# PREFIX; install writes the real directories in.
install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DOCDIR)
	for t in $(TOOLS); do cp $(BIN)/$$t $(DESTDIR)$(BINDIR)/$$t; chmod 755 $(DESTDIR)$(BINDIR)/$$t; \
	  sed -e 's|/usr/local/share/doc/ind\\-tools|$(DOCDIR)|g' -e 's|/usr/local/share/doc/ind-tools|$(DOCDIR)|g' \
	    docs/$$t.1 >$(DESTDIR)$(MANDIR)/man1/$$t.1; chmod 644 $(DESTDIR)$(MANDIR)/man1/$$t.1; done
	for f in $(DOC_FILES); do cp $$f $(DESTDIR)$(DOCDIR)/; chmod 644 $(DESTDIR)$(DOCDIR)/$${f##*/}; done
	sed -e 's|/usr/local/share/doc/ind-tools|$(DOCDIR)|g' -e 's|BINDIR:-/usr/local/bin|BINDIR:-$(BINDIR)|' \
	  scripts/cron-example.sh >$(DESTDIR)$(DOCDIR)/cron-example.sh
	chmod 755 $(DESTDIR)$(DOCDIR)/cron-example.sh

uninstall:
	for t in $(TOOLS); do rm -f $(DESTDIR)$(BINDIR)/$$t $(DESTDIR)$(MANDIR)/man1/$$t.1; done
	for f in $(DOC_FILES); do rm -f $(DESTDIR)$(DOCDIR)/$${f##*/}; done
	rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null || true

clean:
	rm -rf bin build out

-include $(shell find $(OBJ) -name '*.d' 2>/dev/null)
