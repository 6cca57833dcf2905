-- Unit history (issue 11): which unit a person belonged to, and when, like
-- superior_spans. A roster import that moves a person closes one span and
-- opens the next at the move's effective date (Tanggal Efektif).
CREATE TABLE unit_spans (
    id         {{ID}},
    nip        TEXT NOT NULL REFERENCES staff(nip),
    unit_code  TEXT NOT NULL,
    valid_from BIGINT NOT NULL,
    valid_to   BIGINT
);
CREATE INDEX unit_spans_nip ON unit_spans (nip, valid_from);

-- Everyone already on the roster has been in their unit since they were
-- first imported, as far as the bot knows.
INSERT INTO unit_spans (nip, unit_code, valid_from) SELECT nip, unit_code, created_at FROM staff;
