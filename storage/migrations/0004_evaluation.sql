-- Period evaluations: the numbers they were decided on, the bot's proposals,
-- the assessor's decisions with reasons, and the predikat; the units' own
-- predicates; objections (keberatan) with their exchange of explanations.
-- Ratings are INTEGER 0-3 (0 = none); behaviour is seven digits, one per
-- BerAKHLAK value in official order.

CREATE TABLE evaluations (
    nip               TEXT NOT NULL REFERENCES staff(nip),
    period            TEXT NOT NULL,
    assessor_nip      TEXT NOT NULL,
    unit_code         TEXT NOT NULL,
    approved_reports  INTEGER NOT NULL DEFAULT 0,
    hasil_basis       TEXT NOT NULL,
    capaian_pct       DOUBLE PRECISION NOT NULL DEFAULT 0,
    proposed_hasil    INTEGER NOT NULL DEFAULT 0,
    decided_hasil     INTEGER NOT NULL DEFAULT 0,
    hasil_reason      TEXT NOT NULL DEFAULT '',
    behaviour         TEXT NOT NULL DEFAULT '0000000',
    proposed_perilaku INTEGER NOT NULL DEFAULT 0,
    decided_perilaku  INTEGER NOT NULL DEFAULT 0,
    perilaku_reason   TEXT NOT NULL DEFAULT '',
    predikat          TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL,
    revised_hasil     INTEGER NOT NULL DEFAULT 0,
    revised_perilaku  INTEGER NOT NULL DEFAULT 0,
    revised_by        TEXT NOT NULL DEFAULT '',
    revision_reason   TEXT NOT NULL DEFAULT '',
    revised_at        BIGINT,
    created_at        BIGINT NOT NULL,
    updated_at        BIGINT NOT NULL,
    decided_at        BIGINT,
    notified_at       BIGINT,
    version           INTEGER NOT NULL,
    PRIMARY KEY (nip, period)
);
CREATE INDEX evaluations_period ON evaluations (period, unit_code);
CREATE INDEX evaluations_assessor ON evaluations (assessor_nip, period);

-- A snapshot of each indicator as it stood when the evaluation was computed.
CREATE TABLE evaluation_indicators (
    nip       TEXT NOT NULL,
    period    TEXT NOT NULL,
    pos       INTEGER NOT NULL,
    code      TEXT NOT NULL,
    name      TEXT NOT NULL,
    unit      TEXT NOT NULL,
    direction TEXT NOT NULL,
    weight    DOUBLE PRECISION NOT NULL,
    target    DOUBLE PRECISION NOT NULL,
    realisasi DOUBLE PRECISION NOT NULL,
    capaian   DOUBLE PRECISION NOT NULL,
    source    TEXT NOT NULL,
    PRIMARY KEY (nip, period, pos),
    FOREIGN KEY (nip, period) REFERENCES evaluations (nip, period)
);

CREATE TABLE unit_predicates (
    unit_code TEXT NOT NULL REFERENCES units(code),
    period    TEXT NOT NULL,
    predikat  TEXT NOT NULL,
    set_by    TEXT NOT NULL DEFAULT '',
    set_at    BIGINT NOT NULL,
    PRIMARY KEY (unit_code, period)
);

CREATE TABLE objections (
    id              {{ID}},
    nip             TEXT NOT NULL REFERENCES staff(nip),
    period          TEXT NOT NULL,
    assessor_nip    TEXT NOT NULL,
    reviewer_nip    TEXT NOT NULL,
    reason          TEXT NOT NULL,
    status          TEXT NOT NULL,
    created_at      BIGINT NOT NULL,
    decided_at      BIGINT,
    decision_reason TEXT NOT NULL DEFAULT '',
    old_predikat    TEXT NOT NULL DEFAULT '',
    new_hasil       INTEGER NOT NULL DEFAULT 0,
    new_perilaku    INTEGER NOT NULL DEFAULT 0,
    new_predikat    TEXT NOT NULL DEFAULT '',
    version         INTEGER NOT NULL DEFAULT 1,
    UNIQUE (nip, period)
);
CREATE INDEX objections_reviewer ON objections (reviewer_nip, status);

CREATE TABLE objection_messages (
    id           {{ID}},
    objection_id BIGINT NOT NULL REFERENCES objections(id),
    at           BIGINT NOT NULL,
    from_party   TEXT NOT NULL,
    to_party     TEXT NOT NULL,
    body         TEXT NOT NULL
);
CREATE INDEX objection_messages_objection ON objection_messages (objection_id, id);
