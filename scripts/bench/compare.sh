#!/usr/bin/env bash
# compare.sh: kinerjabot against the grammY baseline bot (scripts/bench/grammy)
# through skmload, alternating, in one sitting. See scripts/bench/README.md.
#
# Environment:
#   USERS    citizens per run (default 1000)
#   CONCS    concurrencies to run (default "50 200 1000")
#   RUNS     rounds per concurrency (default 2); each round runs kinerjabot,
#            then the grammY bot
#   PORT     port of the fake Bot API on 127.0.0.1 (default 18092)
#   SKMLOAD  a skmload binary, or its source directory (default: the
#            repository's ../shared/tools/skmload)
#   OUT      also append each run's skmload JSON line to this file
#   KEEP=1   keep the work directory (databases, logs) after the run
set -euo pipefail

USERS=${USERS:-1000}
CONCS=${CONCS:-50 200 1000}
RUNS=${RUNS:-2}
PORT=${PORT:-18092}
TOKEN=7000000001:LOAD
UNIT=PKM-TGR

root=$(cd "$(dirname "$0")/../.." && pwd)
bench=$root/scripts/bench
work=$(mktemp -d "${TMPDIR:-/tmp}/kb-bench.XXXXXX")

skm_pid= bot_pid=
cleanup() {
	local p
	for p in $bot_pid $skm_pid; do
		if kill -0 "$p" 2>/dev/null; then
			kill -TERM "$p" 2>/dev/null || true
			for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
			kill -KILL "$p" 2>/dev/null || true
			wait "$p" 2>/dev/null || true
		fi
	done
	if [ "${KEEP:-}" = 1 ]; then
		echo "work directory kept: $work" >&2
	else
		rm -rf "$work"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { echo "compare.sh: $*" >&2; }
die() { log "$*"; exit 2; }

# ---- build ---------------------------------------------------------------------

log "building kinerjabot"
(cd "$root" && go build -o "$work/kb" ./cmd/kinerjabot)

# skmload: SKMLOAD, else ../shared/tools/skmload beside the repository (beside
# the main checkout when this is a linked worktree).
skm_src=
if [ -n "${SKMLOAD:-}" ]; then
	if [ -f "$SKMLOAD" ] && [ -x "$SKMLOAD" ]; then
		skm=$SKMLOAD
	elif [ -d "$SKMLOAD" ]; then
		skm_src=$SKMLOAD
	else
		die "SKMLOAD=$SKMLOAD is neither an executable nor a directory"
	fi
else
	common=$(cd "$root" && git rev-parse --path-format=absolute --git-common-dir 2>/dev/null || true)
	for d in "$root/../shared/tools/skmload" ${common:+"$(dirname "$common")/../shared/tools/skmload"}; do
		if [ -f "$d/main.go" ]; then skm_src=$d; break; fi
	done
	[ -n "$skm_src" ] || die "skmload not found at ../shared/tools/skmload; set SKMLOAD"
fi
if [ -n "$skm_src" ]; then
	log "building skmload ($skm_src)"
	(cd "$skm_src" && go build -o "$work/skmload" .)
	skm=$work/skmload
fi

gdir=$bench/grammy
if ! node -e "require('$gdir/node_modules/better-sqlite3'); require('$gdir/node_modules/grammy'); require('$gdir/node_modules/@grammyjs/runner')" 2>/dev/null; then
	log "installing the grammY bot's packages (npm ci)"
	(cd "$gdir" && npm ci --no-audit --no-fund --loglevel=error) >&2
fi

# ---- one run -------------------------------------------------------------------

wait_port() { # until 127.0.0.1:PORT accepts, while skmload lives
	for _ in $(seq 100); do
		kill -0 "$skm_pid" 2>/dev/null || return 1
		if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then return 0; fi
		sleep 0.05
	done
	return 1
}

alive() { # the process exists and is not a zombie (no fork: this runs during a measurement)
	local line
	read -r line 2>/dev/null <"/proc/$1/stat" || return 1
	line=${line##*) }
	[ "${line:0:1}" != Z ]
}

stop_bot() { # SIGTERM, then SIGKILL after 10 s; reaps the bot
	kill -TERM "$bot_pid" 2>/dev/null || true
	for _ in $(seq 100); do kill -0 "$bot_pid" 2>/dev/null || break; sleep 0.1; done
	if kill -0 "$bot_pid" 2>/dev/null; then
		log "$1 did not stop within 10 s of SIGTERM; killing it"
		kill -KILL "$bot_pid" 2>/dev/null || true
	fi
	wait "$bot_pid" 2>/dev/null || true
	bot_pid=
}

# run_one BOT CONC ROUND: one skmload run against a fresh database; appends a
# row to $work/rows.
run_one() {
	local name=$1 conc=$2 round=$3
	local dir=$work/$name-$conc-$round payload rc
	mkdir -p "$dir"
	case $name in
	kinerjabot)
		printf 'telegram:\n  username: skmload_bot\n' >"$dir/config.yaml"
		# The public site is off: it is not on the survey path, and its
		# default port may be taken on a shared machine.
		export KINERJA_DB=$dir/kb.db KINERJA_TELEGRAM_TOKEN=$TOKEN KINERJA_HTTP_ADDR=off \
			KINERJA_TELEGRAM_ENDPOINT="http://127.0.0.1:$PORT/bot%s/%s"
		"$work/kb" --config "$dir/config.yaml" roster import "$root/configs/roster.example.csv" >"$dir/setup.log" 2>&1 ||
			{ cat "$dir/setup.log" >&2; die "roster import failed"; }
		payload=$("$work/kb" --config "$dir/config.yaml" survey-link --unit "$UNIT" 2>>"$dir/setup.log" |
			grep -o 'start=[A-Za-z0-9_-]*' | head -1 | cut -d= -f2)
		[ -n "$payload" ] || { cat "$dir/setup.log" >&2; die "survey-link gave no payload"; }
		;;
	grammy)
		payload=skm-$UNIT
		;;
	esac

	"$skm" -listen "127.0.0.1:$PORT" -token "$TOKEN" -users "$USERS" -concurrency "$conc" \
		-payload "$payload" -json -quiet -bot-pid-file "$dir/bot.pid" >"$dir/result.json" 2>"$dir/skmload.err" &
	skm_pid=$!
	wait_port || { cat "$dir/skmload.err" >&2; die "skmload did not come up on 127.0.0.1:$PORT (port taken? set PORT)"; }

	# The subshell writes its own pid, then becomes the bot: the pid file is
	# there before the bot's first getUpdates, when skmload reads it.
	case $name in
	kinerjabot)
		(echo "$BASHPID" >"$dir/bot.pid"; exec "$work/kb" --config "$dir/config.yaml" run) >"$dir/bot.log" 2>&1 &
		;;
	grammy)
		(echo "$BASHPID" >"$dir/bot.pid"
			BOT_TOKEN=$TOKEN BOT_API_ROOT="http://127.0.0.1:$PORT" BOT_DB=$dir/grammy.db BOT_UNIT=$UNIT \
				exec node "$gdir/bot.js") >"$dir/bot.log" 2>&1 &
		;;
	esac
	bot_pid=$!

	# Only skmload is waited for while it runs; the bot is stopped after. A
	# bot that dies during the run ends it (its citizens count as unfinished)
	# instead of leaving skmload to its 10-minute timeout.
	while alive "$skm_pid"; do
		if ! alive "$bot_pid"; then
			log "$name exited during the run; stopping skmload"
			kill -TERM "$skm_pid" 2>/dev/null || true
			break
		fi
		sleep 0.2
	done
	rc=0
	wait "$skm_pid" || rc=$?
	skm_pid=
	stop_bot "$name"
	if [ "$name" = kinerjabot ]; then unset KINERJA_DB KINERJA_TELEGRAM_TOKEN KINERJA_HTTP_ADDR KINERJA_TELEGRAM_ENDPOINT; fi

	if [ ! -s "$dir/result.json" ]; then
		cat "$dir/skmload.err" "$dir/bot.log" >&2
		die "$name at $conc: skmload printed no result (exit $rc)"
	fi
	[ -z "${OUT:-}" ] || jq -c --arg bot "$name" --argjson round "$round" '{bot: $bot, round: $round} + .' "$dir/result.json" >>"$OUT"
	jq -r --arg bot "$name" --argjson round "$round" '[$bot, .concurrency, $round, .updates_per_s,
		.latency_ms.p50, .latency_ms.p99, (.bot_cpu_ms_per_update // "-"), (.bot_peak_rss_mib // "-"),
		.misuse_total, .citizens_unfinished] | @tsv' "$dir/result.json" >>"$work/rows"
	local unfinished misuse
	unfinished=$(jq -r .citizens_unfinished "$dir/result.json")
	misuse=$(jq -r .misuse_total "$dir/result.json")
	log "$name, $conc concurrent, round $round: $(jq -r '"\(.updates_per_s) updates/s, p50 \(.latency_ms.p50) ms, p99 \(.latency_ms.p99) ms"' "$dir/result.json"), unfinished $unfinished, misuse $misuse"
	if [ "$misuse" != 0 ]; then
		log "  misuse: $(jq -c .misuse "$dir/result.json")"
	fi
	if [ "$unfinished" != 0 ]; then
		log "  unfinished: $(jq -c .unfinished_reasons "$dir/result.json"); bot log tail:"
		tail -5 "$dir/bot.log" >&2 || true
		failed=1
	fi
}

# ---- the sitting -----------------------------------------------------------------

failed=0
: >"$work/rows"
log "$USERS citizens per run, concurrency: $CONCS, $RUNS round(s), fake Bot API on 127.0.0.1:$PORT"
for conc in $CONCS; do
	for round in $(seq "$RUNS"); do
		run_one kinerjabot "$conc" "$round"
		run_one grammy "$conc" "$round"
	done
done

{
	printf 'bot\tconcurrency\tround\tupdates/s\tp50 ms\tp99 ms\tCPU ms/update\tpeak RSS MiB\tmisuse\tunfinished\n'
	cat "$work/rows"
} | column -t -s "$(printf '\t')"

if [ "$failed" != 0 ]; then
	log "some citizens did not finish"
	exit 1
fi
