#!/bin/bash
# Starts one Lượt screen (lobby board, counter sign, rating pad) on a Linux TV box in Chromium's
# kiosk mode, with sound allowed without a tap, and keeps it running. Settings are read from
# ~/.config/luot-screen.env (see luot-screen.env.example). Started by luot-screen.service (a
# systemd user unit) or by luot-screen.desktop (a desktop session's autostart).
set -u

CONFIG="${LUOT_SCREEN_CONFIG:-${XDG_CONFIG_HOME:-$HOME/.config}/luot-screen.env}"
# shellcheck source=/dev/null
[ -r "$CONFIG" ] && . "$CONFIG"

# The hub as this TV reaches it (scheme, address, port; no path), e.g. http://192.168.1.10:8080.
LUOT_HUB="${LUOT_HUB:-http://192.168.1.10:8080}"
# The screen: lobby, sign or rating (see http://HUB:PORT/display/).
LUOT_SCREEN="${LUOT_SCREEN:-lobby}"
# The device token from `luot device pair` or the admin app (needed once; the screen keeps it).
LUOT_TOKEN="${LUOT_TOKEN:-}"
# The browser's own profile: where the screen keeps its token and its offline copy of the app.
LUOT_PROFILE="${LUOT_PROFILE:-$HOME/.local/share/luot-screen}"
# Seconds to wait for the hub at start when the app is already kept offline (0: do not wait).
LUOT_WAIT_CACHED="${LUOT_WAIT_CACHED:-30}"

URL="$LUOT_HUB/display/$LUOT_SCREEN"
[ -n "$LUOT_TOKEN" ] && URL="$URL?token=$LUOT_TOKEN"

# The flags the screen needs (checked by apps/display/e2e/launch-recipe.test.ts):
# - kiosk: full screen, no address bar, no way out by a stray tap;
# - autoplay: the call announcements play without anyone touching the TV;
# - the hub's plain-HTTP LAN address treated as secure, so the service worker that shows the
#   app's own offline screen when the hub is down works there (not needed with `luot tls`);
# - a profile of its own, no first-run, crash or keyring dialogs in front of the board.
FLAGS=(
  --kiosk
  --autoplay-policy=no-user-gesture-required
  "--unsafely-treat-insecure-origin-as-secure=$LUOT_HUB"
  "--user-data-dir=$LUOT_PROFILE"
  --no-first-run
  --noerrdialogs
  --disable-session-crashed-bubble
  --disable-features=Translate
  --password-store=basic
)

browser() {
  for b in chromium chromium-browser google-chrome-stable google-chrome; do
    command -v "$b" >/dev/null 2>&1 && { command -v "$b"; return; }
  done
  echo "luot-screen: no Chromium or Chrome found (apt install chromium)" >&2
  exit 1
}

hub_answers() {
  if command -v curl >/dev/null 2>&1; then
    curl -fsS -o /dev/null --max-time 5 "$LUOT_HUB/healthz"
  else
    wget -q -O /dev/null --timeout=5 "$LUOT_HUB/healthz"
  fi
}

# The app kept by the browser (its service worker) shows its own offline screen and recovers by
# itself; a browser that never loaded it would show its error page and stay there. So: wait
# for the hub (and the network) before the first-ever start; later, only a little.
kept_offline() { [ -d "$LUOT_PROFILE/Default/Service Worker" ]; }

wait_for_hub() {
  local waited=0
  until hub_answers; do
    if kept_offline && [ "$waited" -ge "$LUOT_WAIT_CACHED" ]; then
      echo "luot-screen: hub $LUOT_HUB not answering; starting on the kept copy" >&2
      return
    fi
    [ "$waited" -eq 0 ] && echo "luot-screen: waiting for the hub at $LUOT_HUB…" >&2
    sleep 5
    waited=$((waited + 5))
  done
}

BROWSER="$(browser)"
mkdir -p "$LUOT_PROFILE"
while true; do
  wait_for_hub
  "$BROWSER" "${FLAGS[@]}" "$URL"
  echo "luot-screen: the browser exited ($?); starting it again in 5 s" >&2
  sleep 5
done
