# Shared by the Linux packaging scripts (sourced, not run).
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PYTHON="${PYTHON:-$REPO/.venv/bin/python}"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$REPO/supportdesk/__init__.py")"
ARCH="$(dpkg --print-architecture 2>/dev/null || uname -m)"

# The two arguments every builder takes: FROZEN_DIR OUT_DIR -> $FROZEN, $OUT (absolute).
frozen_and_out() {
    if [ "$#" -ne 2 ] || [ ! -x "$1/supportdesk" ]; then
        echo "usage: $0 FROZEN_DIR OUT_DIR (FROZEN_DIR from pyinstaller: make dist)" >&2
        exit 1
    fi
    FROZEN="$(cd "$1" && pwd)"
    OUT="$(mkdir -p "$2" && cd "$2" && pwd)"
}
