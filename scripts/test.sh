#!/usr/bin/env bash
# Builds everything with warnings as errors, then runs every test suite. The end-to-end tests
# start the real navixy-gateway and navixy-sim binaries from the build folder.
set -euo pipefail
cd "$(dirname "$0")/.."

swift build --build-tests -Xswiftc -warnings-as-errors
bin_dir=$(swift build --show-bin-path)
NAVIXY_BIN_DIR="$bin_dir" swift test --skip-build "$@"
