-- The SKM as PermenPANRB 14/2017 reports it (issue 15): satisfaction per
-- type of service, suggestions kept with their follow-up, and flags on
-- suspicious ratings.

-- The services (jenis layanan) of each unit, from the configuration or
-- "kinerjabot services import".
CREATE TABLE survey_services (
    unit_code        TEXT NOT NULL REFERENCES units(code),
    code             TEXT NOT NULL,
    name             TEXT NOT NULL,
    standard_minutes INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (unit_code, code)
);

-- A link and its responses name the service ('' for none, as before).
-- pattern is the answers in unsur code order ("444444444"), so identical
-- patterns are counted by the database; '' for earlier responses.
ALTER TABLE survey_links ADD COLUMN service_code TEXT NOT NULL DEFAULT '';
ALTER TABLE survey_responses ADD COLUMN service_code TEXT NOT NULL DEFAULT '';
ALTER TABLE survey_responses ADD COLUMN pattern TEXT NOT NULL DEFAULT '';
CREATE INDEX survey_responses_service ON survey_responses (unit_code, service_code, day);

-- Suggestions are kept apart from the answers, with unit, service and day
-- only (no account, no response id), and their follow-up.
CREATE TABLE survey_suggestions (
    id           {{ID}},
    unit_code    TEXT NOT NULL REFERENCES units(code),
    service_code TEXT NOT NULL DEFAULT '',
    day          BIGINT NOT NULL,
    text         TEXT NOT NULL,
    action       TEXT NOT NULL DEFAULT '',
    action_by    TEXT NOT NULL DEFAULT '',
    action_at    BIGINT
);
CREATE INDEX survey_suggestions_unit ON survey_suggestions (unit_code, day);
-- The suggestions of earlier releases.
INSERT INTO survey_suggestions (unit_code, service_code, day, text)
    SELECT unit_code, '', day, suggestion FROM survey_responses WHERE suggestion <> '' ORDER BY id;
-- The response no longer keeps its suggestion: the answers and the text
-- are not linked.
UPDATE survey_responses SET suggestion = '' WHERE suggestion <> '';

-- Flags on suspicious ratings: shown beside the IKM, never blocking.
CREATE TABLE survey_flags (
    id          {{ID}},
    kind        TEXT NOT NULL,
    unit_code   TEXT NOT NULL,
    officer_nip TEXT NOT NULL DEFAULT '',
    day         BIGINT NOT NULL,
    flag_key    TEXT NOT NULL DEFAULT '',
    detail      TEXT NOT NULL,
    responses   INTEGER NOT NULL,
    created_at  BIGINT NOT NULL,
    reviewed_by TEXT NOT NULL DEFAULT '',
    reviewed_at BIGINT,
    UNIQUE (kind, unit_code, officer_nip, day, flag_key)
);
CREATE INDEX survey_flags_unit ON survey_flags (unit_code, day);
