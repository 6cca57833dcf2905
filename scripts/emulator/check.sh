#!/usr/bin/env bash
# Plays real users against the kinerjabot binary through the independent
# Bot API emulator telegram-test-api (npm). Not part of the test suite: it
# needs npm. Usage: [KB_CONFIG=FILE] [KB_ROSTER=FILE] [KB_TARGETS=FILE]
#   scripts/emulator/check.sh [SCENARIO.json]
# KB_ROSTER and KB_TARGETS replace the example roster and targets the
# database starts with.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
scenario=$(realpath "${1:-$here/reports.json}")
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

(cd "$here" && [ -d node_modules/telegram-test-api ] || npm install --silent --no-audit --no-fund)
go build -o "$work/kinerjabot.bin" "$root/cmd/kinerjabot"
# KB_CONFIG names a configuration file every command of the run uses.
if [ -n "${KB_CONFIG:-}" ]; then
  printf '#!/bin/sh\nexec "%s" --config "%s" "$@"\n' "$work/kinerjabot.bin" "$(realpath "$KB_CONFIG")" >"$work/kinerjabot"
else
  printf '#!/bin/sh\nexec "%s" "$@"\n' "$work/kinerjabot.bin" >"$work/kinerjabot"
fi
chmod +x "$work/kinerjabot"
export KINERJA_DB="$work/kinerja.db"
"$work/kinerjabot" roster import "$(realpath "${KB_ROSTER:-$root/configs/roster.example.csv}")"
# The example targets are for one month; the scenarios report work done
# today, so the monthly targets are moved to the current month (in WIB).
month=$(TZ=Asia/Jakarta date +%Y-%m)
sed "s/;2026-11;/;$month;/" "$(realpath "${KB_TARGETS:-$root/configs/targets.example.csv}")" >"$work/targets.csv"
"$work/kinerjabot" targets import "$work/targets.csv"
port=${PORT:-9000}
# The bot's own HTTP port follows the emulator's, so that runs on other ports do not collide.
KINERJA_HTTP_ADDR="127.0.0.1:$((port + 10000))" KINERJA_TELEGRAM_TOKEN=123456:EMULATORtoken KINERJA_TELEGRAM_ENDPOINT="http://127.0.0.1:$port/bot%s/%s" \
  "$work/kinerjabot" run >"$work/bot.log" 2>&1 &
export KB="$work/kinerjabot" KB_WORK="$work" PORT=$port
status=0
(cd "$here" && node drive.js "$scenario") || status=$?
if [ $status -ne 0 ]; then echo "--- bot log"; tail -40 "$work/bot.log"; fi
# KB_LOG=FILE keeps the whole bot log.
if [ -n "${KB_LOG:-}" ]; then cp "$work/bot.log" "$KB_LOG"; fi
"$work/kinerjabot" export --what reports --period "$month"
exit $status
