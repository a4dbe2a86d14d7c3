#!/usr/bin/env bash
# Installs the Debian packages that building, testing and benchmarking need, when any is
# missing. A fresh Debian 12 machine has none of the -dev packages but SQLite's and zlib's.
set -euo pipefail

packages=(
    libmicrohttpd-dev    # the HTTP front
    libcurl4-openssl-dev # upstream calls
    zlib1g-dev           # gzip bodies
    libsqlite3-dev       # the embedded store
    libpq-dev            # the PostgreSQL client library
    pkg-config           # finds the libraries above for the system-library targets
    openssl              # test certificates for upstream TLS
    curl                 # the README walk-through
    wrk                  # make bench
    nginx-light          # make bench: the reference proxy
)

missing=()
for package in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing+=("$package")
    fi
done

if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "install-deps: missing packages: ${missing[*]}; run as root or install them" >&2
    exit 1
fi

echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}"
