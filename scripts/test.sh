#!/usr/bin/env bash
# The whole test suite, exactly what `.ci/run` and the README run after `npm ci`:
# the Python references and MLflow (installed once, cached), then lint, typecheck, build
# and every project's vitest suite through nx, then one closing line `N passed, N failed`.
set -uo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false

venv=$(bash scripts/setup-python.sh) || { echo "gemlab: could not create the test Python environment" >&2; exit 1; }
export GEMLAB_PY_VENV="$venv"

# The native TensorFlow backend from PyPI's TensorFlow build (no CDN), cached after the first run.
bash scripts/setup-tensorflow.sh || { echo "gemlab: the native TensorFlow backend could not be set up" >&2; exit 1; }

# redis-server for the distributed-sweep tests (BullMQ): one on PATH, else Debian's, unpacked once into the cache.
redis=$(bash scripts/setup-redis.sh) || { echo "gemlab: no redis-server for the distributed-sweep tests" >&2; exit 1; }
export GEMLAB_REDIS_SERVER="$redis"

rm -f packages/*/test-output/vitest.json apps/*/test-output/vitest.json examples/plugins/*/test-output/vitest.json
status=0
npx nx sync:check || status=1
npx biome check . || status=1
npx nx run-many -t lint typecheck build test --output-style=static --parallel=2 || status=1

node apps/runner/bin/gemlab.js info || status=1   # the backend the suite ran with
node scripts/summarize-tests.mjs || status=1
exit $status
