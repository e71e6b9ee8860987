#!/usr/bin/env bash
# Finds (or makes, once) the redis-server binary the distributed-sweep tests start on a random
# port of 127.0.0.1. Prints its path on stdout; scripts/test.sh exports it as GEMLAB_REDIS_SERVER.
#
# 1. GEMLAB_REDIS_SERVER when it is set, else a redis-server on PATH, if it is Redis >= 6.2
#    (BullMQ's minimum).
# 2. Otherwise Debian's redis-tools package (which holds the redis-server binary) and the two
#    libraries it needs beyond a base system, unpacked with `dpkg -x` into a cache folder
#    (${XDG_CACHE_HOME:-$HOME/.cache}/gemlab/redis-<version>), with a small launcher. Nothing
#    is installed system-wide, so no Redis service is started (the tests start their own), and
#    it works without root. As root, `apt-get update` runs first when the package lists lack it.
# Exits non-zero with one line on stderr when no usable redis-server can be had.
set -euo pipefail

MIN_MAJOR=6
MIN_MINOR=2

fail() {
  echo "gemlab: setup-redis: $1" >&2
  exit 1
}

# "7.0.15" from `redis-server --version` ("Redis server v=7.0.15 sha=...").
version_of() {
  "$1" --version 2>/dev/null | sed -n 's/.* v=\([0-9][0-9.]*\).*/\1/p'
}

recent_enough() {
  local version major minor
  version=$(version_of "$1")
  [ -n "$version" ] || return 1
  major=${version%%.*}
  minor=${version#*.}
  minor=${minor%%.*}
  [ "$major" -gt "$MIN_MAJOR" ] || { [ "$major" -eq "$MIN_MAJOR" ] && [ "$minor" -ge "$MIN_MINOR" ]; }
}

for candidate in "${GEMLAB_REDIS_SERVER:-}" "$(command -v redis-server || true)"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ] && recent_enough "$candidate"; then
    echo "$candidate"
    exit 0
  fi
done

command -v apt-get >/dev/null && command -v dpkg >/dev/null ||
  fail "no redis-server >= $MIN_MAJOR.$MIN_MINOR on PATH and no apt-get to fetch Debian's; install Redis and set GEMLAB_REDIS_SERVER"

packages=(redis-tools libjemalloc2 liblzf1)
if ! apt-cache show redis-tools >/dev/null 2>&1; then
  [ "$(id -u)" = 0 ] || fail "apt has no redis-tools package in its lists; run 'apt-get update' as root (or install Redis and set GEMLAB_REDIS_SERVER)"
  apt-get update -qq >&2 || fail "apt-get update failed"
fi
debversion=$(apt-cache policy redis-tools | sed -n 's/^ *Candidate: *//p')
[ -n "$debversion" ] && [ "$debversion" != "(none)" ] || fail "apt has no candidate version of redis-tools"
cache="${XDG_CACHE_HOME:-$HOME/.cache}/gemlab/redis-${debversion//[^A-Za-z0-9.+-]/_}"
launcher="$cache/bin/redis-server"

if [ ! -f "$cache/.complete" ]; then
  mkdir -p "$(dirname "$cache")"
  exec 9>"$cache.lock"
  flock 9
  if [ ! -f "$cache/.complete" ]; then
    echo "gemlab: unpacking Debian's redis-server $debversion into $cache (one time)" >&2
    work="$cache.tmp"
    rm -rf "$work" && mkdir -p "$work/download" "$work/root" "$work/bin"
    (cd "$work/download" && apt-get download -qq "${packages[@]}" >&2) || fail "apt-get download ${packages[*]} failed"
    for deb in "$work"/download/*.deb; do dpkg -x "$deb" "$work/root"; done
    rm -rf "$work/download"
    libdir=$(dirname "$(find "$work/root" -name 'libjemalloc.so.2' | head -n 1)")
    [ -x "$work/root/usr/bin/redis-check-rdb" ] && [ -d "$libdir" ] || fail "the unpacked packages lack redis-check-rdb or libjemalloc"
    # Debian's redis-server is redis-check-rdb started under the name redis-server.
    ln -s redis-check-rdb "$work/root/usr/bin/redis-server"
    cat >"$work/bin/redis-server" <<EOF
#!/bin/sh
here=\$(cd "\$(dirname "\$0")/.." && pwd)
LD_LIBRARY_PATH="\$here/root/${libdir#"$work/root/"}\${LD_LIBRARY_PATH:+:\$LD_LIBRARY_PATH}" exec "\$here/root/usr/bin/redis-server" "\$@"
EOF
    chmod +x "$work/bin/redis-server"
    recent_enough "$work/bin/redis-server" || fail "the unpacked redis-server does not run ($("$work/bin/redis-server" --version 2>&1 | head -n 1))"
    touch "$work/.complete"
    rm -rf "$cache" && mv "$work" "$cache"
  fi
fi
echo "$launcher"
