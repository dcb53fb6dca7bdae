#!/usr/bin/env bash
# Build SupportDesk-<version>-macos-<arch>.dmg from dist/SupportDesk.app (macOS only):
# a compressed disk image with the app and a shortcut to /Applications to drag it to.
#   packaging/macos/make_dmg.sh APP_BUNDLE OUT_DIR
set -euo pipefail

APP="$1"
OUT="$2"
REPO="$(cd "$(dirname "$0")/../.." && pwd)"
VERSION="$(sed -n 's/^__version__ = "\(.*\)"/\1/p' "$REPO/supportdesk/__init__.py")"
ARCH="$(uname -m)"
if [ ! -d "$APP/Contents/MacOS" ]; then
    echo "$APP is not an app bundle (build it with pyinstaller packaging/supportdesk.spec)" >&2
    exit 1
fi
/usr/libexec/PlistBuddy -c "Print :CFBundleIdentifier" "$APP/Contents/Info.plist" >/dev/null

STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
cp -R "$APP" "$STAGE/SupportDesk.app"
ln -s /Applications "$STAGE/Applications"
# Without a Developer ID, sign ad hoc so Gatekeeper shows "unidentified developer"
# (right-click > Open) rather than "damaged".
codesign --force --deep --sign "${MACOS_SIGNING_IDENTITY:--}" "$STAGE/SupportDesk.app"

mkdir -p "$OUT"
DMG="$OUT/SupportDesk-$VERSION-macos-$ARCH.dmg"
rm -f "$DMG"
hdiutil create -volname "SupportDesk $VERSION" -srcfolder "$STAGE" -fs HFS+ \
    -format UDZO -imagekey zlib-level=9 "$DMG" >/dev/null
hdiutil verify "$DMG" >/dev/null
echo "$DMG"
