#!/usr/bin/env bash
# Runs the README's two commands as a fresh machine would: a clean clone of this repository's HEAD,
# a new virtual environment with the newest packages the pins allow (nothing kept from earlier
# sessions), then CI's own entry point, which installs the Debian packages in .ci/apt-packages.
# Usage: bash scripts/fresh_machine_check.sh [FOLDER]   (default: a new temporary folder)
set -euo pipefail
top=$(git -C "$(dirname "$0")/.." rev-parse --show-toplevel)
work=${1:-$(mktemp -d /tmp/osa-fresh.XXXXXX)}
git clone -q "$top" "$work/clone"
python3 -m venv "$work/venv"
# shellcheck disable=SC1091
source "$work/venv/bin/activate"
python3 -m pip install -q --upgrade pip
cd "$work/clone"
echo "fresh clone in $work/clone at $(git rev-parse --short HEAD); venv $work/venv"
python3 -m pip install -q -e . && osa-site build
CI=true bash .ci/run
