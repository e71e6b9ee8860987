#!/usr/bin/env bash
# Creates (once) the Python virtual environment the tests use: a real MLflow server
# and the independent numerical references. Cached outside the clone, keyed by the
# requirements file's hash, so a second run, or a second clone, costs nothing.
# Prints the venv's path on stdout.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
req="$here/requirements-test.txt"
hash=$(sha256sum "$req" | cut -c1-12)
venv="${GEMLAB_PY_VENV:-${XDG_CACHE_HOME:-$HOME/.cache}/gemlab/py-$hash}"
if [ ! -f "$venv/.complete" ]; then
  echo "gemlab: creating the test Python environment in $venv (one time, a few minutes)" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req" >&2
  touch "$venv/.complete"
fi
echo "$venv"
