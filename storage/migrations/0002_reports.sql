-- Work reports: indicators with targets, reports of work done with their
-- evidence, and the hash-chained audit log of every change to a report.
-- Dates of work are TEXT 'YYYY-MM-DD' (a local calendar day); period is the
-- month 'YYYY-MM' of the work date, kept for range queries.

CREATE TABLE targets (
    id        {{ID}},
    nip       TEXT NOT NULL REFERENCES staff(nip),
    period    TEXT NOT NULL,
    code      TEXT NOT NULL,
    name      TEXT NOT NULL,
    unit      TEXT NOT NULL,
    target    DOUBLE PRECISION NOT NULL,
    direction TEXT NOT NULL,
    weight    DOUBLE PRECISION NOT NULL DEFAULT 0,
    UNIQUE (nip, period, code)
);

CREATE TABLE reports (
    id           {{ID}},
    nip          TEXT NOT NULL REFERENCES staff(nip),
    target_id    BIGINT NOT NULL REFERENCES targets(id),
    period       TEXT NOT NULL,
    work_date    TEXT NOT NULL,
    quantity     DOUBLE PRECISION NOT NULL,
    description  TEXT NOT NULL,
    status       TEXT NOT NULL,
    assessor_nip TEXT NOT NULL,
    decided_by   TEXT NOT NULL DEFAULT '',
    decided_at   BIGINT,
    delegate     INTEGER NOT NULL DEFAULT 0,
    reason       TEXT NOT NULL DEFAULT '',
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX reports_nip ON reports (nip, period);
CREATE INDEX reports_assessor ON reports (assessor_nip, status);
CREATE INDEX reports_period ON reports (period);

CREATE TABLE evidence (
    report_id      BIGINT NOT NULL REFERENCES reports(id),
    pos            INTEGER NOT NULL,
    file_id        TEXT NOT NULL,
    file_unique_id TEXT NOT NULL,
    kind           TEXT NOT NULL,
    name           TEXT NOT NULL DEFAULT '',
    size           BIGINT NOT NULL DEFAULT 0,
    sha256         TEXT NOT NULL DEFAULT '',
    duplicate_of   BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (report_id, pos)
);
CREATE INDEX evidence_sha ON evidence (sha256);

-- Append-only: the program only ever inserts. seq is assigned as head + 1
-- under a lock (not autoincrement), so a missing entry shows as a gap.
CREATE TABLE audit_log (
    seq         BIGINT PRIMARY KEY,
    at          BIGINT NOT NULL,
    actor_nip   TEXT NOT NULL,
    action      TEXT NOT NULL,
    entity      TEXT NOT NULL,
    entity_id   TEXT NOT NULL,
    before_json TEXT NOT NULL,
    after_json  TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);

-- The chain head: one row, locked by every append, so concurrent
-- transactions queue instead of forking the chain; it also lets verify
-- notice entries cut off the end.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY,
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '');
