#!/usr/bin/env bash
# Build the portable supportdesk-<version>-linux-<arch>.tar.gz from a onedir build:
# unpack anywhere and run ./supportdesk/supportdesk (or ./install.sh for a menu entry).
#   packaging/linux/build_tarball.sh FROZEN_DIR OUT_DIR
set -euo pipefail
source "$(dirname "$0")/common.sh"

frozen_and_out "$@"
STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
NAME="supportdesk-$VERSION-linux-$ARCH"

mkdir -p "$STAGE/$NAME"
cp -a "$FROZEN" "$STAGE/$NAME/supportdesk"
install -m 644 "$REPO/packaging/linux/supportdesk.desktop" "$STAGE/$NAME/"
"$PYTHON" "$REPO/packaging/icons.py" "$STAGE/$NAME/icons/hicolor" >/dev/null
install -m 755 "$REPO/packaging/linux/install-user.sh" "$STAGE/$NAME/install.sh"
tar -C "$STAGE" -czf "$OUT/$NAME.tar.gz" "$NAME"
echo "$OUT/$NAME.tar.gz"
