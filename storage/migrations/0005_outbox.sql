-- Scheduled jobs: the record of each job's run per slot (at most one, so a
-- job started twice for the same occasion queues once), the persistent
-- outbox its messages wait in until Telegram accepts them, and staff leave.

CREATE TABLE job_runs (
    id       {{ID}},
    job      TEXT NOT NULL,
    slot     TEXT NOT NULL,
    run_at   BIGINT NOT NULL,
    messages INTEGER NOT NULL,
    UNIQUE (job, slot)
);

-- status: pending, sent, failed, unreachable, gone. Within a chat messages
-- go out by (not_before, id); next_attempt_at moves on after a failure.
CREATE TABLE outbox (
    id              {{ID}},
    job             TEXT NOT NULL,
    slot            TEXT NOT NULL,
    seq             INTEGER NOT NULL,
    chat_id         BIGINT NOT NULL,
    nip             TEXT NOT NULL DEFAULT '',
    label           TEXT NOT NULL DEFAULT '',
    body            TEXT NOT NULL,
    buttons         TEXT NOT NULL DEFAULT '',
    photo           {{BLOB}},
    document        {{BLOB}},
    file_name       TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    not_before      BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    sent_at         BIGINT,
    last_error      TEXT NOT NULL DEFAULT '',
    reported        INTEGER NOT NULL DEFAULT 0,
    created_at      BIGINT NOT NULL,
    UNIQUE (job, slot, seq)
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_chat ON outbox (chat_id, status, not_before, id);
CREATE INDEX outbox_unreported ON outbox (reported, status);

CREATE TABLE leaves (
    id         {{ID}},
    nip        TEXT NOT NULL REFERENCES staff(nip),
    from_day   TEXT NOT NULL,
    to_day     TEXT NOT NULL,
    note       TEXT NOT NULL DEFAULT '',
    set_by     TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX leaves_nip ON leaves (nip, to_day);
CREATE INDEX leaves_to ON leaves (to_day);
