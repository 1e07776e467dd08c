# ind-tools: indicator and outcome analytics for wellbeing services counties.
# One plain Makefile. `make deps` installs what the build needs (Debian).

VERSION = 0.1.0

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
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

TOOLS = ind-load ind-agg ind-trend ind-compare ind-table ind-plot ind-report
LIB_SRC = $(wildcard lib/*.c)
LIB_OBJ = $(LIB_SRC:%.c=$(OBJ)/%.o)
LIBIND = $(OBJ)/lib/libind.a
UNIT_SRC = $(wildcard tests/unit/test_*.c)
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=$(OBJ)/tests/%)
SCRIPT_BIN = $(OBJ)/scripts/gen-sample $(OBJ)/scripts/csvparse $(OBJ)/scripts/gen-bench

# Debian packages the build, the tests and the charts need.
DEB_PACKAGES = gcc make libc6-dev pkg-config libcsv-dev libgsl-dev zlib1g-dev libjansson-dev gnuplot-nox perl groff-base valgrind

.PHONY: all deps check check-asan check-browser check-valgrind fuzz fuzz-build demo install uninstall clean bench sample-data
.SUFFIXES:

all: $(TOOLS:%=$(BIN)/%)

$(OBJ)/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(IND_CFLAGS) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(LIBIND): $(LIB_OBJ)
	$(AR) rcs $@ $^

$(BIN)/%: $(OBJ)/cmd/%.o $(LIBIND)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) $^ $(IND_LIBS) $(LDLIBS) -o $@

$(OBJ)/tests/%: $(OBJ)/tests/unit/%.o $(LIBIND)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) $^ $(IND_LIBS) $(LDLIBS) -o $@

$(OBJ)/scripts/%: $(OBJ)/scripts/%.o $(LIBIND)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) $^ $(IND_LIBS) $(LDLIBS) -o $@

deps:
	@missing=; for p in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || missing="$$missing $$p"; \
	done; \
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
	@$(MAKE) --no-print-directory all $(UNIT_BIN) $(SCRIPT_BIN)
	@if [ "$(OUT)" = . ] && command -v clang >/dev/null 2>&1; then \
	  $(MAKE) --no-print-directory fuzz-build >/dev/null 2>&1 || echo "note: the fuzzers did not build (libclang-rt-14-dev?)"; fi
	@IND_BIN=$(abspath $(BIN)) IND_TESTBIN=$(abspath $(OBJ)) sh tests/run $(UNIT_BIN) tests/*.t

# The same suite, built with AddressSanitizer and UndefinedBehaviorSanitizer.
check-asan: deps
	@$(MAKE) --no-print-directory OUT=build/asan \
	  CFLAGS='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined' \
	  LDFLAGS='-fsanitize=address,undefined' check

# Headless Chromium renders the sample report (skips where Chromium is not installed).
check-browser: deps all
	@sh scripts/browser-check out/report-screenshot.png

# libFuzzer harnesses (clang): build/fuzz/fuzz_*; `make fuzz FUZZ_SECONDS=N` runs each for N seconds
# (findings: build/fuzz/NAME-crash-*, -leak-*, -timeout-*).
FUZZ_TARGETS = reader number period config agg_dates table partial events px json
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
check-valgrind: deps all
	@IND_BIN=$(abspath $(BIN)) IND_TESTBIN=$(abspath $(OBJ)) \
	  IND_VALGRIND='valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite' \
	  sh tests/run tests/cli.t tests/layouts.t tests/agg-sample.t tests/compare-sample.t

sample-data: $(OBJ)/scripts/gen-sample
	$(OBJ)/scripts/gen-sample sample-data

demo: deps all
	@sh scripts/demo

bench: all $(OBJ)/scripts/csvparse $(OBJ)/scripts/gen-bench
	@sh scripts/bench

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	for t in $(TOOLS); do cp $(BIN)/$$t $(DESTDIR)$(BINDIR)/$$t; chmod 755 $(DESTDIR)$(BINDIR)/$$t; \
	  cp docs/$$t.1 $(DESTDIR)$(MANDIR)/man1/$$t.1; chmod 644 $(DESTDIR)$(MANDIR)/man1/$$t.1; done

uninstall:
	for t in $(TOOLS); do rm -f $(DESTDIR)$(BINDIR)/$$t $(DESTDIR)$(MANDIR)/man1/$$t.1; done

clean:
	rm -rf bin build out

-include $(shell find $(OBJ) -name '*.d' 2>/dev/null)
