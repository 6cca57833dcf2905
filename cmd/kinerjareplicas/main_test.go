package main

import (
	"io"
	"os"
	"strings"
	"testing"

	"github.com/bkpsdm-solok/kinerjabot/storage/storagetest"
)

// A small run of the whole tool: two replicas, one killed with SIGKILL
// and restarted, on the PostgreSQL of the test run.
func TestTwoReplicasAndAKillHandleEveryUpdateOnce(t *testing.T) {
	dsn, bin := replicasSetup(t)
	res, err := Run(t.Context(), Options{DSN: dsn, Replicas: 2, Citizens: 20, Kill: true, MaxConns: 10, Bin: bin, Out: io.Discard})
	if err != nil && res == nil {
		t.Fatal(err) // a run that could not be measured; duplicates are judged below
	}
	// A reply can be lost when the kill lands between a commit and its
	// reply (durable replies are the outbox's business); its citizen gives
	// up, having sent fewer updates. Every update sent is handled once and
	// every response counted once (Respondents ≤ 20). A reply Telegram
	// accepted while the kill landed, before the replica could note it, is
	// sent again after the restart: no Bot API call is idempotent, so that
	// window (the calls in flight at the kill) is allowed, as in the flood
	// test below, and logged.
	if res.HandledOnce != res.Sent || res.Lost != 0 || res.Duplicates > 2 || res.Regressed != 0 || res.Respondents < 20-res.GaveUp || res.Respondents > 20 ||
		(res.GaveUp == 0 && res.Sent != 20*11) {
		t.Fatalf("%+v", res)
	}
	if res.Duplicates > 0 {
		t.Logf("%d reply(ies) in flight at the kill sent again", res.Duplicates)
	}
	if res.GaveUp > 0 {
		t.Logf("%d citizen(s) lost a reply to the kill", res.GaveUp)
	}
}

// The same under the fake's flood limits, with a broadcast and the monthly
// summary beside the survey and the outbox sender killed: no 429, no
// message lost, none sent twice but around the kill.
func TestSurveyBroadcastAndSummaryUnderFloodLimitsWithTheSenderKilled(t *testing.T) {
	dsn, bin := replicasSetup(t)
	res, err := Run(t.Context(), Options{DSN: dsn, Replicas: 2, Citizens: 30, Kill: true, Limits: true, Broadcast: 60, SummaryUnits: 3,
		MaxConns: 10, Bin: bin, Out: io.Discard})
	if err != nil && res == nil {
		t.Fatal(err) // a run that could not be measured; duplicates are judged below
	}
	// A kill while a send is on its way back (Telegram accepted it, the
	// replica has not read the answer) sends it again after restart: at
	// most the sends in flight at that instant, rarely any. More than two
	// is a systematic duplicate, as the part marks dropped by the sent
	// log's flush were.
	b := res.Bulk
	if res.HandledOnce != res.Sent || res.Duplicates > 2 || res.Regressed != 0 || res.TooMany != 0 || !strings.Contains(res.KilledWhich, "outbox sender") ||
		b.Broadcast != 60 || b.BroadcastDup > 2 || b.BroadcastLost != 0 ||
		b.SummaryGroups != 3 || b.SummaryMsgs < 3 || b.SummaryDup > 2 || b.SummaryLost != 0 {
		t.Fatalf("%+v", res)
	}
	if res.Duplicates+b.BroadcastDup+b.SummaryDup > 0 {
		t.Logf("%d reply, %d broadcast and %d summary message(s) sent twice around the kill", res.Duplicates, b.BroadcastDup, b.SummaryDup)
	}
}

// replicasSetup returns the test PostgreSQL and a freshly built bot, or
// skips the test when no PostgreSQL is configured.
func replicasSetup(t *testing.T) (dsn, bin string) {
	t.Helper()
	dsn = os.Getenv(storagetest.PostgresEnv)
	if dsn == "" {
		t.Skipf("%s is not set: replicas need PostgreSQL", storagetest.PostgresEnv)
	}
	bin, err := buildBot(t.TempDir(), "../kinerjabot")
	if err != nil {
		t.Fatal(err)
	}
	return dsn, bin
}
