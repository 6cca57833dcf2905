-- Citizen satisfaction survey (SKM, PermenPANRB 14/2017): the deep links
-- printed as QR codes at service counters, and the anonymous responses.

-- A link's payload is random and resolved here, so it can be revoked.
CREATE TABLE survey_links (
    payload     TEXT PRIMARY KEY,
    unit_code   TEXT NOT NULL REFERENCES units(code),
    officer_nip TEXT NOT NULL DEFAULT '',
    created_at  BIGINT NOT NULL,
    revoked_at  BIGINT
);
CREATE INDEX survey_links_unit ON survey_links (unit_code, created_at);

-- A response keeps no Telegram id, username or name, and only the local
-- day (Unix ms of local midnight), not the instant. u1..u9 are the nine
-- unsur, 1-4, 0 when unanswered. dup_key is an HMAC of account, unit and
-- day: unique, so one account is counted once per unit per day; NULL when
-- duplicates are allowed by configuration.
CREATE TABLE survey_responses (
    id          {{ID}},
    unit_code   TEXT NOT NULL REFERENCES units(code),
    officer_nip TEXT NOT NULL DEFAULT '',
    day         BIGINT NOT NULL,
    u1          INTEGER NOT NULL CHECK (u1 BETWEEN 0 AND 4),
    u2          INTEGER NOT NULL CHECK (u2 BETWEEN 0 AND 4),
    u3          INTEGER NOT NULL CHECK (u3 BETWEEN 0 AND 4),
    u4          INTEGER NOT NULL CHECK (u4 BETWEEN 0 AND 4),
    u5          INTEGER NOT NULL CHECK (u5 BETWEEN 0 AND 4),
    u6          INTEGER NOT NULL CHECK (u6 BETWEEN 0 AND 4),
    u7          INTEGER NOT NULL CHECK (u7 BETWEEN 0 AND 4),
    u8          INTEGER NOT NULL CHECK (u8 BETWEEN 0 AND 4),
    u9          INTEGER NOT NULL CHECK (u9 BETWEEN 0 AND 4),
    suggestion  TEXT NOT NULL DEFAULT '',
    gender      TEXT NOT NULL DEFAULT '',
    age_band    TEXT NOT NULL DEFAULT '',
    education   TEXT NOT NULL DEFAULT '',
    occupation  TEXT NOT NULL DEFAULT '',
    dup_key     TEXT UNIQUE
);
CREATE INDEX survey_responses_unit ON survey_responses (unit_code, day);
CREATE INDEX survey_responses_officer ON survey_responses (officer_nip, day);
