#!/usr/bin/env bash
# Build supportdesk_<version>_<arch>.deb from a PyInstaller onedir build.
#   packaging/linux/build_deb.sh FROZEN_DIR OUT_DIR
# Installs to /opt/supportdesk with /usr/bin/supportdesk, a .desktop entry and hicolor
# icons. DEB_COMPRESSION (xz, gzip, none; default xz) trades size for build time.
set -euo pipefail
source "$(dirname "$0")/common.sh"

frozen_and_out "$@"
ROOT="$(mktemp -d)"
trap 'rm -rf "$ROOT"' EXIT

install -d "$ROOT/opt" "$ROOT/usr/bin" "$ROOT/usr/share/applications" "$ROOT/DEBIAN" \
    "$ROOT/usr/share/doc/supportdesk"
cp -a "$FROZEN" "$ROOT/opt/supportdesk"
cat >"$ROOT/usr/bin/supportdesk" <<'LAUNCHER'
#!/bin/sh
exec /opt/supportdesk/supportdesk "$@"
LAUNCHER
chmod 755 "$ROOT/usr/bin/supportdesk"
install -m 644 "$REPO/packaging/linux/supportdesk.desktop" "$ROOT/usr/share/applications/"
"$PYTHON" "$REPO/packaging/icons.py" "$ROOT/usr/share/icons/hicolor" >/dev/null
cat >"$ROOT/usr/share/doc/supportdesk/copyright" <<'COPYRIGHT'
SupportDesk is free software, licensed under the GNU General Public License,
version 3 or later. On Debian systems the licence is in /usr/share/common-licenses/GPL-3.
COPYRIGHT

# The frozen app needs a glibc at least as new as the build machine's.
GLIBC="$(ldd --version 2>/dev/null | sed -n '1s/.* \([0-9][0-9.]*\)$/\1/p')"
SIZE="$(du -sk "$ROOT" | cut -f1)"
cat >"$ROOT/DEBIAN/control" <<CONTROL
Package: supportdesk
Version: $VERSION
Architecture: $ARCH
Maintainer: SupportDesk <supportdesk@users.noreply.github.com>
Installed-Size: $SIZE
Section: utils
Priority: optional
Depends: libc6 (>= ${GLIBC:-2.31}), libglib2.0-0, libgl1, libegl1, libxkbcommon0, libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-shape0, libxcb-randr0, libxcb-render-util0, libxcb-image0, libx11-xcb1, libdbus-1-3, libfreetype6, libfontconfig1, fontconfig, fonts-dejavu-core
Recommends: gnome-keyring | kwalletmanager | keepassxc
Homepage: https://github.com/supportdesk/supportdesk
Description: private home for your mental-health support network
 SupportDesk helps you keep the people, groups, professionals and crisis lines
 that support you close: gentle check-in reminders, boundaries, gratitude and a
 safety plan. Everything stays on your computer, encrypted, with the key in
 your system keyring.
CONTROL
for script in postinst postrm; do
    cat >"$ROOT/DEBIAN/$script" <<'HOOK'
#!/bin/sh
set -e
if command -v update-desktop-database >/dev/null 2>&1; then
    update-desktop-database -q /usr/share/applications || true
fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then
    gtk-update-icon-cache -q -t /usr/share/icons/hicolor || true
fi
HOOK
    chmod 755 "$ROOT/DEBIAN/$script"
done

DEB="$OUT/supportdesk_${VERSION}_${ARCH}.deb"
dpkg-deb --root-owner-group -Z"${DEB_COMPRESSION:-xz}" --build "$ROOT" "$DEB" >/dev/null
echo "$DEB"
