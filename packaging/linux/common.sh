# Shared by the Linux packaging scripts (sourced, not run).
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PYTHON="${PYTHON:-$REPO/.venv/bin/python}"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$REPO/supportdesk/__init__.py")"
ARCH="$(dpkg --print-architecture 2>/dev/null || uname -m)"

check_frozen() {
    if [ ! -x "$1/supportdesk" ]; then
        echo "$1 is not a frozen SupportDesk (build it with: make dist)" >&2
        exit 1
    fi
}
