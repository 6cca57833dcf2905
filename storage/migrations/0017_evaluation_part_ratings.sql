-- The earlier assessors' ratings of their parts of a period evaluated in
-- parts (evaluation.transfer_split): one per person, period, assessor and
-- first day of the part. rated_by is who pressed the button; on_behalf_of
-- the part's assessor when someone acting for them (Plt/Plh) did.
CREATE TABLE evaluation_part_ratings (
    nip            TEXT NOT NULL REFERENCES staff(nip),
    period         TEXT NOT NULL,
    assessor_nip   TEXT NOT NULL,
    from_day       TEXT NOT NULL,
    to_day         TEXT NOT NULL,
    working_days   INTEGER NOT NULL,
    proposed_hasil INTEGER NOT NULL DEFAULT 0,
    hasil          INTEGER NOT NULL,
    reason         TEXT NOT NULL DEFAULT '',
    rated_by       TEXT NOT NULL,
    on_behalf_of   TEXT NOT NULL DEFAULT '',
    created_at     BIGINT NOT NULL,
    updated_at     BIGINT NOT NULL,
    PRIMARY KEY (nip, period, assessor_nip, from_day)
);
CREATE INDEX evaluation_part_ratings_assessor ON evaluation_part_ratings (assessor_nip, period);

-- Who was under a given assessor within a period (the parts they rate).
CREATE INDEX superior_spans_superior ON superior_spans (superior_nip, valid_from);
