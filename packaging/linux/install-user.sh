#!/usr/bin/env bash
# Add this unpacked SupportDesk to your own menu (no root needed):
# a launcher in ~/.local/bin, a menu entry and icons in ~/.local/share.
# Run it again after moving the folder; remove those three things to undo.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
mkdir -p "$HOME/.local/bin" "$DATA/applications" "$DATA/icons"
ln -sf "$HERE/supportdesk/supportdesk" "$HOME/.local/bin/supportdesk"
sed "s|^Exec=supportdesk|Exec=$HERE/supportdesk/supportdesk|; s|^TryExec=.*|TryExec=$HERE/supportdesk/supportdesk|" \
    "$HERE/supportdesk.desktop" >"$DATA/applications/supportdesk.desktop"
cp -r "$HERE/icons/hicolor" "$DATA/icons/"
echo "SupportDesk is in your applications menu now."
