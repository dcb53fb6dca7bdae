#!/usr/bin/env bash
# Build SupportDesk-<version>-<arch>.AppImage from a onedir build with appimagetool
# (not packaged in Debian; the CI workflow downloads it and sets APPIMAGETOOL).
#   APPIMAGETOOL=/path/to/appimagetool packaging/linux/build_appimage.sh FROZEN_DIR OUT_DIR
set -euo pipefail
source "$(dirname "$0")/common.sh"

frozen_and_out "$@"
TOOL="${APPIMAGETOOL:-$(command -v appimagetool || true)}"
if [ -z "$TOOL" ]; then
    echo "appimagetool is needed: https://github.com/AppImage/appimagetool/releases" >&2
    exit 1
fi
APPDIR="$(mktemp -d)/SupportDesk.AppDir"
trap 'rm -rf "$(dirname "$APPDIR")"' EXIT

mkdir -p "$APPDIR/usr/share/applications"
cp -a "$FROZEN" "$APPDIR/usr/supportdesk"
"$PYTHON" "$REPO/packaging/icons.py" "$APPDIR/usr/share/icons/hicolor" >/dev/null
cp "$APPDIR/usr/share/icons/hicolor/256x256/apps/supportdesk.png" "$APPDIR/supportdesk.png"
install -m 644 "$REPO/packaging/linux/supportdesk.desktop" "$APPDIR/supportdesk.desktop"
cp "$APPDIR/supportdesk.desktop" "$APPDIR/usr/share/applications/"
cat >"$APPDIR/AppRun" <<'APPRUN'
#!/bin/sh
HERE="$(dirname "$(readlink -f "$0")")"
exec "$HERE/usr/supportdesk/supportdesk" "$@"
APPRUN
chmod 755 "$APPDIR/AppRun"

case "$ARCH" in amd64) APPIMAGE_ARCH=x86_64 ;; arm64) APPIMAGE_ARCH=aarch64 ;; *) APPIMAGE_ARCH="$ARCH" ;; esac
TARGET="$OUT/SupportDesk-$VERSION-$APPIMAGE_ARCH.AppImage"
# Extract-and-run: CI runners have no FUSE.
APPIMAGE_EXTRACT_AND_RUN=1 ARCH="$APPIMAGE_ARCH" "$TOOL" --no-appstream "$APPDIR" "$TARGET"
echo "$TARGET"
