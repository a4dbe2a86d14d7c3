# Build, test, run and benchmark navixy-gateway. Every target that compiles first installs
# the Debian packages a fresh machine lacks (scripts/install-deps.sh).

SWIFT ?= swift
CONFIG ?=
BENCH_SECONDS ?= 10

.PHONY: deps build release run sim test lint format bench clean

deps:
	scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## Run the gateway on its built-in defaults, or on CONFIG=FILE.
run: release
	.build/release/navixy-gateway serve $(if $(CONFIG),--config $(CONFIG),)

## Run the Navixy simulator on 127.0.0.1:8900.
sim: release
	.build/release/navixy-sim

## Every check CI runs: formatting, a warning-free build, then all tests.
test: deps lint
	scripts/test.sh

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

format:
	$(SWIFT) format --in-place --recursive Package.swift Sources Tests

## Compare the gateway with nginx proxy_pass in front of the same simulator.
bench: release
	BENCH_SECONDS=$(BENCH_SECONDS) scripts/bench.sh

clean:
	rm -rf .build
