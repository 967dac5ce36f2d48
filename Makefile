# gongji: the two commands a fresh machine needs are `make demo` and `make test`.
# Every tool is installed here, from the package registries only (crates.io, npm, Debian):
# nothing installed by hand is visible to CI's fresh machine.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

WASM_BINDGEN_VERSION := 0.2.130
WASM_TARGET := wasm32-unknown-unknown
STAMPS := build/.stamps
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: help install install-rust install-node install-apt install-browser install-engines build test demo bench \
        lint test-native test-wasm test-js test-checks test-types test-e2e test-shells test-engines fuzz clean \
        install-docs docs

help:
	@echo "make demo   install what is missing, build, serve the portal on http://localhost:8080"
	@echo "make test   install what is missing, then run every test layer"
	@echo "make build  build pkg/ (prints each shipped file's size)"
	@echo "make fuzz   fuzz the wasm boundary for FUZZ_SECONDS (default 60; not part of make test)"
	@echo "make bench  benchmarks from Node beside plain-JS peers (not part of make test)"
	@echo "make docs   the API reference (TypeDoc) in build/docs/api/index.html"

## --- installs (each is a no-op when already done) -------------------------------------

install: install-rust install-node install-docs install-apt

install-rust:
	@rustup target list --installed | grep -qx '$(WASM_TARGET)' || rustup target add $(WASM_TARGET)
	@rustup component list --installed | grep -q '^clippy' || rustup component add clippy
	@rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt
	@if [ "$$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $(WASM_BINDGEN_VERSION)" ]; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION) (pinned: must match Cargo.toml)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force; \
	fi

# npm ci from the committed lock file; re-run only when the lock file changes.
install-node: node_modules/.installed
node_modules/.installed: package-lock.json package.json
	npm ci --no-audit --no-fund
	@touch $@

# wabt gives wasm-validate and wasm-objdump for the mini-program checks.
install-apt:
	@command -v wasm-validate >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wabt; }

# Debian's Chromium for the browser tests (a test tool's own browser download fails here),
# and a CJK font so the screenshots show Chinese text rather than empty boxes.
install-browser:
	@command -v chromium >/dev/null && fc-list :lang=zh | grep -q . || { \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-wqy-zenhei; }

# The real engines of tests/engines/ and the bench: Debian's JavaScriptCore shell (jsc, the
# engine of the iOS WeChat/Alipay logic layers) and wasm3 (pip pywasm3, built from its
# sdist's C sources with the machine's gcc; nothing downloaded at install or run time).
# Tencent's wcc/wcsc and miniprogram-simulate come with npm ci (devDependencies).
install-engines:
	@[ -x /usr/bin/jsc ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libjavascriptcoregtk-4.0-bin; }
	@python3 -c 'import wasm3' 2>/dev/null || python3 -m pip install --quiet --no-input pywasm3==0.5.0

# TypeDoc in its own tree (tools/docs/): it needs TypeScript's JS API (5.x/6.0), which the
# workspace's TypeScript 7 (the native compiler) does not ship.
install-docs: tools/docs/node_modules/.installed
tools/docs/node_modules/.installed: tools/docs/package-lock.json tools/docs/package.json
	npm ci --prefix tools/docs --no-audit --no-fund
	@touch $@

## --- build ---------------------------------------------------------------------------

build: install
	node scripts/build.mjs

## --- the two commands of README.md ---------------------------------------------------

demo: build
	node www/server.mjs --port 8080

test: install install-browser install-engines
	$(MAKE) lint
	$(MAKE) test-native
	$(MAKE) test-wasm
	node scripts/build.mjs
	$(MAKE) test-checks test-types test-js test-shells test-engines test-e2e

## --- test layers ---------------------------------------------------------------------

# A test file whose process never exits (a timer or server left running) hangs `node --test`
# with every test passed; each JS layer is stopped after 15 minutes (a layer takes 1 to 3)
# so that such a leak fails here with a name instead of running out CI's clock.
LAYER_TIMEOUT = timeout --kill-after=10 900

lint:
	cargo fmt --check
	cargo clippy --all-targets -- -D warnings
	cargo clippy --all-targets --target $(WASM_TARGET) -- -D warnings
	cargo clippy --lib --target $(WASM_TARGET) --no-default-features -- -D warnings

test-native:
	cargo test

# wasm-bindgen tests of the JS-visible shapes (tests/wasm_*.rs), under Node.
test-wasm:
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  cargo test --target $(WASM_TARGET) $(patsubst tests/%.rs,--test %,$(wildcard tests/wasm_*.rs))

# Static checks of what pkg/ ships: wasm-validate with post-MVP features off, no exported
# globals, loaders free of eval / new Function / import.meta / fetch / globalThis; and the
# package as npm ships it (npm pack, publint, @arethetypeswrong/cli, an offline install into a
# fresh project used with require, import and TypeScript).
test-checks:
	$(LAYER_TIMEOUT) node --test tests/checks/

test-types:
	node_modules/.bin/tsc -p tests/ts/tsconfig.json

test-js:
	$(LAYER_TIMEOUT) node --test tests/js/

# Shell logic under Node: API client and transports, the local endpoint, mini-program pages
# in simulated WeChat/Alipay runtimes (after copying pkg/ into the mini-program projects).
test-shells:
	node www/scripts/sync-miniprogram.mjs
	node_modules/.bin/tsc -p tests/shells/tsconfig.json
	$(LAYER_TIMEOUT) node --test --test-concurrency=1 tests/shells/

test-e2e:
	$(LAYER_TIMEOUT) node --test --test-concurrency=1 tests/e2e/

# The mini-programs on engines and tools others wrote: JavaScriptCore (JIT off and on),
# wasm3 and wabt's wasm-interp (MVP only), Tencent's wcc/wcsc and miniprogram-simulate.
test-engines: install-engines
	node www/scripts/sync-miniprogram.mjs
	$(LAYER_TIMEOUT) node --test --test-concurrency=1 tests/engines/

# Mutation fuzzing of every parser and object-taking export through pkg/node for a set time
# (FUZZ_SECONDS, default 60), growing tests/fuzz/corpus; not part of make test, which replays
# the corpus (tests/js/fuzz-replay.test.mjs). Why not Jazzer.js: tests/fuzz/run.mjs.
fuzz: build
	node tests/fuzz/run.mjs

# The API reference from the declarations pkg/ ships, README.md as its front page, the
# CHANGELOG and every error code with its text (scripts/docs.mjs).
docs: build
	node scripts/docs.mjs

bench: build install-engines install-browser
	node bench/run.mjs

clean:
	rm -rf build pkg target node_modules
