#!/usr/bin/env bash
# Plays real users against the kinerjabot binary through the independent
# Bot API emulator telegram-test-api (npm). Not part of the test suite: it
# needs npm. Usage: [KB_CONFIG=FILE] [KB_ROSTER=FILE] [KB_TARGETS=FILE]
#   [KB_DB=postgres://… [KB_REPLICAS=N]] scripts/emulator/check.sh [SCENARIO.json]
# KB_ROSTER and KB_TARGETS replace the example roster and targets the
# database starts with. KB_DB runs on a fresh schema of that PostgreSQL
# database (dropped after; needs psql) instead of SQLite, and KB_REPLICAS
# runs that many `kinerjabot run` processes on it (polling: the emulator
# hands each update to one of them). A scenario's "sh" steps can stop and
# start replica N with "$KB_WORK/replica N kill" (SIGKILL) and
# "$KB_WORK/replica N start".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
scenario=$(realpath "${1:-$here/reports.json}")
work=$(mktemp -d)
schema=
cleanup() {
  for f in "$work"/bot*.pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true; done
  kill $(jobs -p) 2>/dev/null || true
  sleep 0.5
  if [ -n "$schema" ]; then PGOPTIONS="-c client_min_messages=warning" psql -q "$KB_DB" -c "DROP SCHEMA IF EXISTS $schema CASCADE" || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

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
replicas=${KB_REPLICAS:-1}
if [ -n "${KB_DB:-}" ]; then
  schema="kbcheck_$$_$RANDOM"
  psql -q "$KB_DB" -c "CREATE SCHEMA $schema"
  # The survey's day keys go with the run, not into the working directory.
  export KINERJA_SURVEY_KEY_DIR="$work/keys"
  case "$KB_DB" in *\?*) KINERJA_DB="$KB_DB&search_path=$schema" ;; *) KINERJA_DB="$KB_DB?search_path=$schema" ;; esac
elif [ "$replicas" != 1 ]; then
  echo "KB_REPLICAS needs KB_DB (a postgres:// database): replicas share PostgreSQL" >&2
  exit 2
fi
"$work/kinerjabot" roster import "$(realpath "${KB_ROSTER:-$root/configs/roster.example.csv}")"
# The example targets are for one month; the scenarios report work done
# today, so the monthly targets are moved to the current month (in WIB).
month=$(TZ=Asia/Jakarta date +%Y-%m)
sed "s/;2026-11;/;$month;/" "$(realpath "${KB_TARGETS:-$root/configs/targets.example.csv}")" >"$work/targets.csv"
"$work/kinerjabot" targets import "$work/targets.csv"
port=${PORT:-9000}
# $work/replica N start|kill starts replica N (1-based), or kills it with
# SIGKILL. The bot's own HTTP port follows the emulator's, so that runs on
# other ports do not collide; replica N adds N-1.
cat >"$work/replica" <<EOF2
#!/bin/sh
n=\$1
case "\$2" in
start)
  KINERJA_REPLICA=check-\$n KINERJA_HTTP_ADDR="127.0.0.1:\$(($port + 10000 + n - 1))" KINERJA_TELEGRAM_TOKEN=123456:EMULATORtoken \\
    KINERJA_TELEGRAM_ENDPOINT="http://127.0.0.1:$port/bot%s/%s" "$work/kinerjabot" run >>"$work/bot\$n.log" 2>&1 &
  echo \$! >"$work/bot\$n.pid" ;;
kill)
  kill -9 "\$(cat "$work/bot\$n.pid")"; echo "replica \$n killed" ;;
esac
EOF2
chmod +x "$work/replica"
for n in $(seq "$replicas"); do "$work/replica" "$n" start; done
export KB="$work/kinerjabot" KB_WORK="$work" PORT=$port
status=0
(cd "$here" && node drive.js "$scenario") || status=$?
for n in $(seq "$replicas"); do
  if [ $status -ne 0 ]; then echo "--- log of replica $n"; tail -40 "$work/bot$n.log"; fi
done
# KB_LOG=FILE keeps the whole bot log (of every replica, one after another).
if [ -n "${KB_LOG:-}" ]; then cat "$work"/bot*.log >"$KB_LOG"; fi
"$work/kinerjabot" export --what reports --period "$month"
exit $status
