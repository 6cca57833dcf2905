-- The organisation as it is (issue 11): acting assessors (Plt/Plh) and the
-- follow-up of poor results.

-- Someone acts as assessor in another's post over whole local days.
CREATE TABLE acting (
    id         {{ID}},
    for_nip    TEXT NOT NULL REFERENCES staff(nip),
    by_nip     TEXT NOT NULL REFERENCES staff(nip),
    kind       TEXT NOT NULL,
    from_day   TEXT NOT NULL,
    to_day     TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    created_by TEXT NOT NULL DEFAULT '',
    ended_at   BIGINT
);
CREATE INDEX acting_for ON acting (for_nip, from_day);
CREATE INDEX acting_by ON acting (by_nip, from_day);

-- Rencana tindak lanjut of a Kurang or Sangat Kurang result.
CREATE TABLE followups (
    id          {{ID}},
    nip         TEXT NOT NULL REFERENCES staff(nip),
    period      TEXT NOT NULL,
    predikat    TEXT NOT NULL,
    unit_code   TEXT NOT NULL,
    head_nip    TEXT NOT NULL DEFAULT '',
    plan        TEXT NOT NULL DEFAULT '',
    responsible TEXT NOT NULL DEFAULT '',
    review_day  TEXT NOT NULL DEFAULT '',
    closed      INTEGER NOT NULL DEFAULT 0,
    created_at  BIGINT NOT NULL,
    updated_at  BIGINT NOT NULL,
    UNIQUE (nip, period)
);
CREATE INDEX followups_head ON followups (head_nip, closed);
