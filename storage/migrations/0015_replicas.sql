-- Several bot processes on one PostgreSQL database. An outbox message is
-- claimed by the sender that takes it (claimed_by) until lease_until, so two
-- senders never take the same message and a dead sender's claims lapse.
-- replicas is each running process's heartbeat and role ("jobs list"
-- shows them); on SQLite there is only ever one, and the columns stay unused.

ALTER TABLE outbox ADD COLUMN claimed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE outbox ADD COLUMN lease_until BIGINT NOT NULL DEFAULT 0;

CREATE TABLE replicas (
    id         TEXT PRIMARY KEY,
    started_at BIGINT NOT NULL,
    seen_at    BIGINT NOT NULL,
    role       TEXT NOT NULL DEFAULT ''
);
