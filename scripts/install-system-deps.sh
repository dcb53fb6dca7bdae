#!/usr/bin/env bash
# Install the Debian/Ubuntu packages listed in the given files (one per line, '#'
# comments allowed) that this machine lacks. Uses apt-get when running as root or
# when passwordless sudo works; otherwise prints the exact command to run and exits 0,
# so `make run` / `make test` can still go on (tests needing a missing component skip
# locally, and fail in CI).
#
# Usage: scripts/install-system-deps.sh LIST_FILE...
set -euo pipefail

if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
    echo "install-system-deps: not a Debian/Ubuntu system; install the packages in $* yourself." >&2
    exit 0
fi

wanted=$(cat "$@" | sed -e 's/#.*//' -e 's/[[:space:]]//g' | grep -v '^$' | sort -u)
missing=()
for package in $wanted; do
    status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$package" 2>/dev/null || true)
    case "$status" in
        ii*) ;;
        *) missing+=("$package") ;;
    esac
done

[ "${#missing[@]}" -eq 0 ] && exit 0

command=(apt-get install -y --no-install-recommends "${missing[@]}")
if [ "$(id -u)" -eq 0 ]; then
    runner=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    runner=(sudo -n)
else
    echo "install-system-deps: these system packages are missing: ${missing[*]}" >&2
    echo "install-system-deps: install them with:" >&2
    echo "    sudo apt-get update && sudo ${command[*]}" >&2
    exit 0
fi

echo "install-system-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# Update the package lists only when a package is not known yet (a bare machine).
if ! apt-cache show "${missing[@]}" >/dev/null 2>&1; then
    "${runner[@]}" apt-get update -q
fi
"${runner[@]}" "${command[@]}"
