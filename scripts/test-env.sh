#!/usr/bin/env bash
# Run a command inside a private, throwaway desktop:
#   Xvfb on a free display, a private session D-Bus, an unlocked gnome-keyring
#   (Secret Service), the dunst notification daemon and a tray host
#   (status-notifier-watcher), all with a throwaway HOME and XDG folders.
#
# Usage: scripts/test-env.sh COMMAND [ARGS...]
#
# Exports DISPLAY, DBUS_SESSION_BUS_ADDRESS, HOME, XDG_*_HOME, XDG_RUNTIME_DIR and
# SUPPORTDESK_TEST_ENV=1, runs COMMAND, stops everything it started (also on failure
# or a signal) and exits with COMMAND's exit code. A component that is missing is
# reported by name; the tests then skip (or fail, when CI is set) what needs it.
set -uo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 COMMAND [ARGS...]" >&2
    exit 2
fi

say() { echo "test-env: $*" >&2; }

ROOT="$(mktemp -d "${TMPDIR:-/tmp}/supportdesk-test-env.XXXXXX")"
PIDS=()
BUS_PID=""

cleanup() {
    local i
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
        kill "${PIDS[$i]}" 2>/dev/null || true
    done
    for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do
        for _ in 1 2 3 4 5 6 7 8 9 10; do
            kill -0 "${PIDS[$i]}" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "${PIDS[$i]}" 2>/dev/null || true
    done
    if [ -n "$BUS_PID" ]; then
        kill "$BUS_PID" 2>/dev/null || true
    fi
    rm -rf "$ROOT"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

have() { command -v "$1" >/dev/null 2>&1; }

# --- throwaway home -----------------------------------------------------------
export HOME="$ROOT/home"
export XDG_CONFIG_HOME="$HOME/.config"
export XDG_DATA_HOME="$HOME/.local/share"
export XDG_CACHE_HOME="$HOME/.cache"
export XDG_STATE_HOME="$HOME/.local/state"
export XDG_RUNTIME_DIR="$ROOT/runtime"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_STATE_HOME" \
    "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
unset DBUS_SESSION_BUS_ADDRESS GNOME_KEYRING_CONTROL SSH_AUTH_SOCK WAYLAND_DISPLAY
export SUPPORTDESK_TEST_ENV=1

# --- Xvfb on a free display ---------------------------------------------------
display_free() {
    [ ! -e "/tmp/.X11-unix/X$1" ] && [ ! -e "/tmp/.X$1-lock" ]
}

start_xvfb() {
    local number waited
    for number in $(seq "${SUPPORTDESK_FIRST_DISPLAY:-50}" 89); do
        display_free "$number" || continue
        Xvfb ":$number" -screen 0 1280x800x24 -nolisten tcp >"$ROOT/xvfb.log" 2>&1 &
        local pid=$!
        for waited in $(seq 1 100); do
            if [ -e "/tmp/.X11-unix/X$number" ]; then
                PIDS+=("$pid")
                export DISPLAY=":$number"
                export SUPPORTDESK_TEST_XVFB_PID="$pid"  # so a test can see it ended
                return 0
            fi
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.05
        done
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
        : "$waited"
    done
    return 1
}

if have Xvfb; then
    if start_xvfb; then
        say "Xvfb on $DISPLAY"
    else
        say "missing: Xvfb could not start on a free display (see $ROOT/xvfb.log)"
        unset DISPLAY
    fi
else
    say "missing: Xvfb (apt-get install xvfb)"
    unset DISPLAY
fi

# --- a private session bus ----------------------------------------------------
name_owned() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner "string:$1" 2>/dev/null | grep -q "boolean true"
}

wait_for_name() {
    local _
    for _ in $(seq 1 100); do
        name_owned "$1" && return 0
        sleep 0.1
    done
    return 1
}

owner_pid() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.GetConnectionUnixProcessID "string:$1" 2>/dev/null |
        awk '/uint32/ {print $2}'
}

if have dbus-daemon && have dbus-send; then
    mkdir -p "$ROOT/bus"
    if BUS_INFO="$(dbus-daemon --session --fork --address="unix:dir=$ROOT/bus" \
        --print-address=1 --print-pid=1)"; then
        DBUS_SESSION_BUS_ADDRESS="$(echo "$BUS_INFO" | sed -n 1p)"
        BUS_PID="$(echo "$BUS_INFO" | sed -n 2p)"
        export DBUS_SESSION_BUS_ADDRESS
        say "session bus at $DBUS_SESSION_BUS_ADDRESS"
    else
        say "missing: a session D-Bus (dbus-daemon did not start)"
    fi
else
    say "missing: dbus-daemon/dbus-send (apt-get install dbus-daemon dbus-bin)"
fi

# --- Secret Service: gnome-keyring, unlocked with a throwaway password ---------
if [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] && have gnome-keyring-daemon; then
    KEYRING_PASSWORD="$(head -c 18 /dev/urandom | base64)"
    if KEYRING_ENV="$(printf '%s' "$KEYRING_PASSWORD" |
        gnome-keyring-daemon --unlock --components=secrets 2>"$ROOT/keyring.log")" &&
        wait_for_name org.freedesktop.secrets; then
        while IFS= read -r line; do
            case "$line" in *=*) export "${line?}" ;; esac
        done <<<"$KEYRING_ENV"
        KEYRING_PID="$(owner_pid org.freedesktop.secrets)"
        [ -n "$KEYRING_PID" ] && PIDS+=("$KEYRING_PID")
        say "gnome-keyring unlocked (org.freedesktop.secrets)"
    else
        say "missing: gnome-keyring did not take org.freedesktop.secrets (see $ROOT/keyring.log)"
    fi
    unset KEYRING_PASSWORD
else
    have gnome-keyring-daemon || say "missing: gnome-keyring (apt-get install gnome-keyring)"
fi

# --- notification daemon ------------------------------------------------------
if [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] && [ -n "${DISPLAY:-}" ] && have dunst; then
    dunst -config /dev/null >"$ROOT/dunst.log" 2>&1 &
    PIDS+=("$!")
    if wait_for_name org.freedesktop.Notifications; then
        say "dunst owns org.freedesktop.Notifications"
    else
        say "missing: dunst did not take org.freedesktop.Notifications (see $ROOT/dunst.log)"
    fi
else
    have dunst || say "missing: dunst (apt-get install dunst)"
fi

# --- tray host ----------------------------------------------------------------
if [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] && have status-notifier-watcher; then
    status-notifier-watcher >"$ROOT/watcher.log" 2>&1 &
    PIDS+=("$!")
    if wait_for_name org.kde.StatusNotifierWatcher; then
        say "status-notifier-watcher owns org.kde.StatusNotifierWatcher"
    else
        say "missing: status-notifier-watcher did not take org.kde.StatusNotifierWatcher"
    fi
else
    have status-notifier-watcher ||
        say "missing: status-notifier-watcher (apt-get install haskell-status-notifier-item-utils)"
fi

# --- the command --------------------------------------------------------------
"$@"
rc=$?
exit "$rc"
