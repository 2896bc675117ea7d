# moocreport: the two set-up commands are `make report` and `make test`.
# Both install what they need (Go modules through the module proxy; the
# Debian tools the PDF checks use) on a fresh machine.

GO ?= go
BIN := bin/moocreport

# The build time stamped into every output. Taken from the last commit, so
# two clones of the same commit produce byte-identical reports.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH

.PHONY: all report test browser-test duckdb-test deps bench bench-peers bench-peers-test peers-deps data fuzz clean

all: report

$(BIN): FORCE
	$(GO) build -trimpath -o $(BIN) ./cmd/moocreport

FORCE:

## report: build the example study into public/<version>/
report: $(BIN)
	./$(BIN) build -study study.yaml

## test: vet and run every test, then the browser test (installs what is missing)
test: deps
	$(GO) vet ./...
	$(GO) test -count=1 ./...
	$(GO) test -count=1 -tags purego ./internal/jsonscan # the scanner without its vector instructions
	$(MAKE) --no-print-directory duckdb-test
	$(MAKE) --no-print-directory bench-peers-test
	$(MAKE) --no-print-directory browser-test

## browser-test: build the example site and check every page in headless
## Chromium (console, requests, images, links, axe-core); screenshots go to
## tests/browser/screenshots/. Fails, never skips, without node or chromium.
BROWSER := tests/browser
browser-test: deps $(BROWSER)/node_modules/.package-lock.json
	node $(BROWSER)/check.mjs --shots $(BROWSER)/screenshots

# npm ci installs exactly the committed package-lock.json (playwright-core,
# which downloads no browser, and axe-core), again only when it changes.
$(BROWSER)/node_modules/.package-lock.json: $(BROWSER)/package-lock.json
	cd $(BROWSER) && npm ci --no-audit --no-fund

## duckdb-test: run the SQL `moocreport sql -engine duckdb` writes with
## DuckDB itself on the example's and the Open edX fixtures' logs, and check
## that the study built from its tables equals the native build (measures.json
## byte for byte). Fails, never skips, without node or DuckDB.
DUCKDB := tests/duckdb
duckdb-test: deps $(DUCKDB)/node_modules/.package-lock.json
	$(GO) test -count=1 -tags duckdb -run '^TestDuckDB' ./report/sqlgen

# npm ci installs exactly the committed package-lock.json (@duckdb/node-api
# and its prebuilt DuckDB binding for the platform).
$(DUCKDB)/node_modules/.package-lock.json: $(DUCKDB)/package-lock.json
	cd $(DUCKDB) && npm ci --no-audit --no-fund

## deps: the system tools the tests use: poppler and qpdf to check the PDF,
## Chromium, Node.js and npm for the browser test
deps:
	@missing=""; \
	for t in pdftotext:poppler-utils pdffonts:poppler-utils qpdf:qpdf chromium:chromium node:nodejs npm:npm; do \
	  command -v $${t%%:*} >/dev/null 2>&1 || missing="$$missing $${t##*:}"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

## bench: throughput and memory benchmarks
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./report/...

## bench-peers: moocreport build against DuckDB (and pandas, when python3
## has it) on a generated course of SIZE=1M (default) or 10M tracking
## events, RUNS runs each, alternating: median wall, CPU and peak RSS
SIZE ?= 1M
RUNS ?= 5
PEERS := bench/peers
bench-peers: peers-deps $(PEERS)/node_modules/.package-lock.json
	SIZE=$(SIZE) RUNS=$(RUNS) $(PEERS)/run.sh

## bench-peers-test: the bench-peers script once on a tiny course (make test)
bench-peers-test: peers-deps $(PEERS)/node_modules/.package-lock.json
	SIZE=tiny RUNS=1 BENCH_DIR=$${TMPDIR:-/tmp}/moocreport-bench-test $(PEERS)/run.sh

# npm ci installs exactly the committed package-lock.json (@duckdb/node-api).
$(PEERS)/node_modules/.package-lock.json: $(PEERS)/package-lock.json
	cd $(PEERS) && npm ci --no-audit --no-fund

# GNU time measures each run's CPU time and peak RSS; node runs DuckDB.
peers-deps: deps
	@if [ ! -x /usr/bin/time ]; then \
	  SUDO=""; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq time >/dev/null; \
	fi

## fuzz: run each parser's fuzz test for a short while
FUZZTIME ?= 20s
fuzz:
	@for pkg in ./report/ingest ./internal/sqldump ./internal/jsonscan ./report/study ./report/narrative ./report/detect; do \
	  for f in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; \
	  done; \
	done

## data: regenerate the example study's raw exports under data/ (byte-for-byte)
data:
	$(GO) run ./cmd/gendata -out data

clean:
	rm -rf bin public
