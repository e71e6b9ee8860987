#!/usr/bin/env bash
# Reproduces the GEMINI paper's experiments with gemlab and compares them with the paper's own
# results (reference.json). Usage:
#   bench/paper/run.sh [--quick] [--repeats N] [--part NAME] [gstm|gstm-fast|gstm-ot|gstm-headline|moons|mnist|all]   (default: all)
# Runs go to the local store bench/paper/runs/ (gitignored; a rerun skips finished trials),
# each sweep's `--json` output to bench/paper/results/<experiment>.json, with the sweep's wall
# time, the machine and per-trial times in <experiment>.meta.json; then make-results.mjs
# writes RESULTS.md. --quick runs one reduced GSTM cell (df = 1, K = 8, TV-OvA and MI,
# 2 repeats, the full 100 epochs) and writes RESULTS-quick.md. --repeats N overrides the seeds
# per cell of the configs (a scale-down, stated in RESULTS.md): trial ids hash the config and
# seed, so a later run with more repeats reuses the finished ones (hence --force below).
# --part NAME runs only that part of gstm-ot (e.g. --part gstm-ot-ovo-k8-df2), to finish one cell.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
gemlab=(node "$root/apps/runner/bin/gemlab.js")
store="$here/runs"
results="$here/results"

usage="usage: bench/paper/run.sh [--quick] [--repeats N] [--part NAME] [gstm|gstm-fast|gstm-ot|gstm-headline|moons|mnist|all]"
quick=false
experiment=all
repeats=()
part=''
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=true ;;
    --repeats)
      [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { echo "$usage" >&2; exit 2; }
      repeats=(--set "sweep.repeats=$2")
      shift
      ;;
    --part)
      [[ "${2:-}" =~ ^gstm-ot-ov[ao]-k[48]-df[12]$ ]] || { echo "$usage" >&2; exit 2; }
      part="$2"
      shift
      ;;
    gstm | gstm-fast | gstm-ot | gstm-headline | moons | mnist | all) experiment="$1" ;;
    *)
      echo "$usage" >&2
      exit 2
      ;;
  esac
  shift
done

if [[ -n $part && $experiment != gstm-ot ]]; then
  echo "bench/paper/run.sh: --part $part needs the experiment gstm-ot" >&2
  exit 2
fi
if [[ ! -f "$root/apps/runner/dist/main.js" ]]; then
  echo "gemlab is not built: run NX_DAEMON=false npx nx run-many -t build at the repository root" >&2
  exit 2
fi
mkdir -p "$store" "$results"

# sweep <result name> <config> [--set overrides...]: one sweep, its JSON and its metadata.
# A sweep with failed trials still has its results written (gemlab exits 1 then).
sweep() {
  local name="$1" config="$2"
  shift 2
  local started ended load status=0
  started="$(date +%s)"
  load="$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || true)"
  echo "[$(date '+%H:%M:%S')] sweep $name ($config $*)" >&2
  # --force: a sweep whose trial list changed (other repeats) keeps the finished trials it shares.
  "${gemlab[@]}" sweep "$config" --json --force --set "tracking.store=$store" "${repeats[@]}" "$@" \
    >"$results/$name.json.partial" || status=$?
  ended="$(date +%s)"
  if [[ $status -ne 0 && $status -ne 1 ]]; then
    echo "sweep $name stopped (exit $status); results so far in $results/$name.json.partial" >&2
    exit "$status"
  fi
  mv "$results/$name.json.partial" "$results/$name.json"
  node "$here/record-run.mjs" "$results/$name.json" "$started" "$ended" "${repeats[*]} $*" "$load"
  echo "[$(date '+%H:%M:%S')] sweep $name done in $((ended - started)) s" >&2
}

if $quick; then
  sweep gstm-quick "$here/gstm.yaml" \
    --set sweep.name=paper-gstm-quick \
    --set 'sweep.parameters={dataset.df: [1], model.nClusters: [8], objective: [{name: tv, mode: ova}, {name: kl, mode: ova}]}' \
    --set sweep.repeats=2
  node "$here/make-results.mjs" --quick
  exit 0
fi

if [[ $experiment == gstm-fast ]]; then
  # The 8 GEMINIs without exact optimal transport, every repeat, batched (sweep.batchTrials:
  # trials that differ only in seed and K train as one program): minutes instead of an hour.
  # Wasserstein's 40 trials take ~3 h more here (an exact OT solve per cluster pair a step); run
  # `run.sh gstm` for them. make-results.mjs merges this sweep with gstm's (same trial, one row).
  sweep gstm-fast "$here/gstm.yaml" --set sweep.name=paper-gstm-fast --set sweep.batchTrials=auto \
    --set 'sweep.parameters.objective=[{name: kl, mode: ova}, {name: kl, mode: ovo}, {name: tv, mode: ova}, {name: tv, mode: ovo}, {name: hellinger, mode: ova}, {name: hellinger, mode: ovo}, {name: mmd, mode: ova, kernel: {name: linear}}, {name: mmd, mode: ovo, kernel: {name: linear}}]'
fi
if [[ $experiment == gstm-ot ]]; then
  # The 8 Wasserstein cells (exact OT), one part of gstm's sweep per cell, cheapest first, so
  # that each finished part is saved and counted even if the machine's time runs out before the
  # last: ~2 min a trial for K = 4, 3 min (OvA) and 8 min (OvO) for K = 8 on these 2 cores.
  # Each part continues the sweep paper-gstm (--force), so trials it already has are not rerun.
  for cell in "ova 4" "ovo 4" "ova 8" "ovo 8"; do
    read -r mode k <<<"$cell"
    for df in 1 2; do
      [[ -z $part || $part == "gstm-ot-$mode-k$k-df$df" ]] || continue
      sweep "gstm-ot-$mode-k$k-df$df" "$here/gstm.yaml" \
        --set "sweep.parameters[\"model.nClusters\"]=[$k]" --set "sweep.parameters[\"dataset.df\"]=[$df]" \
        --set "sweep.parameters.objective=[{name: wasserstein, mode: $mode, distance: {name: euclidean}}]"
    done
  done
fi
if [[ $experiment == gstm-headline || $experiment == all ]]; then
  # The headline claim's cells (K = 8: TV-OvA, Hellinger-OvA, MI) at the paper's 20 repeats,
  # batched (3.4 min for 90 trials here), continuing gstm-fast's sweep so its 5 repeats are reused.
  sweep gstm-headline "$here/gstm.yaml" --set sweep.name=paper-gstm-fast --set sweep.batchTrials=auto \
    --set "sweep.parameters[\"model.nClusters\"]=[8]" --set sweep.repeats=20 \
    --set 'sweep.parameters.objective=[{name: tv, mode: ova}, {name: hellinger, mode: ova}, {name: kl, mode: ova}]'
fi
if [[ $experiment == gstm || $experiment == all ]]; then
  sweep gstm "$here/gstm.yaml" --set sweep.batchTrials=auto
fi
if [[ $experiment == moons || $experiment == all ]]; then
  sweep moons "$here/moons.yaml"
fi
if [[ $experiment == mnist || $experiment == all ]]; then
  # mnist.yaml is the sweep without VAT; VAT's weight depends on the GEMINI (the paper's:
  # KL/TV/Hellinger 1, Wasserstein 10, MMD-OvA 20), so each weight is its own sweep.
  sweep mnist "$here/mnist.yaml"
  vat() { echo "training.vat={weight: $1, xi: 10, epsilon: 1.0}"; }
  sweep mnist-vat-w1 "$here/mnist.yaml" --set sweep.name=paper-mnist-vat-w1 --set "$(vat 1)" \
    --set 'sweep.parameters.objective=[{name: mi}, {name: tv, mode: ova}, {name: hellinger, mode: ova}]'
  sweep mnist-vat-w10 "$here/mnist.yaml" --set sweep.name=paper-mnist-vat-w10 --set "$(vat 10)" \
    --set 'sweep.parameters.objective=[{name: wasserstein, mode: ova, distance: {name: sqeuclidean}}]'
  sweep mnist-vat-w20 "$here/mnist.yaml" --set sweep.name=paper-mnist-vat-w20 --set "$(vat 20)" \
    --set 'sweep.parameters.objective=[{name: mmd, mode: ova, kernel: {name: linear}}]'
fi

node "$here/make-results.mjs"
