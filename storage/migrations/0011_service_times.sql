-- Measured speed of service and published follow-ups (issue 14, parts 2
-- and 3).

-- The pending "Mulai layanan" marks: keyed by a keyed hash of account,
-- unit and day under the day's random key (never the account), deleted
-- once their day is over; a used mark keeps no instant.
CREATE TABLE service_starts (
    start_key    TEXT PRIMARY KEY,
    unit_code    TEXT NOT NULL,
    service_code TEXT NOT NULL DEFAULT '',
    day          BIGINT NOT NULL,
    started_at   BIGINT,
    used         INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX service_starts_day ON service_starts (day);

-- The measured services: unit, service, local month and minutes only.
CREATE TABLE service_durations (
    unit_code    TEXT NOT NULL REFERENCES units(code),
    service_code TEXT NOT NULL DEFAULT '',
    month        TEXT NOT NULL,
    minutes      DOUBLE PRECISION NOT NULL
);
CREATE INDEX service_durations_unit ON service_durations (unit_code, month);

-- A suggestion the unit head published with its follow-up ("Anda berkata,
-- kami lakukan"), in the wording the head approved.
ALTER TABLE survey_suggestions ADD COLUMN public_text TEXT NOT NULL DEFAULT '';
ALTER TABLE survey_suggestions ADD COLUMN published_by TEXT NOT NULL DEFAULT '';
ALTER TABLE survey_suggestions ADD COLUMN published_at BIGINT;
CREATE INDEX survey_suggestions_published ON survey_suggestions (unit_code, published_at);
