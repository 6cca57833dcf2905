-- Foundation: roster, units, invitations, Telegram accounts, dialogue
-- sessions, the log of handled updates, and generated settings.
-- Instants are BIGINT Unix milliseconds (UTC); {{ID}} and {{BLOB}} are
-- replaced per engine.

CREATE TABLE units (
    code          TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    head_nip      TEXT NOT NULL DEFAULT '',
    group_chat_id BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE staff (
    nip          TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    position     TEXT NOT NULL,
    unit_code    TEXT NOT NULL REFERENCES units(code),
    superior_nip TEXT NOT NULL DEFAULT '',
    admin        INTEGER NOT NULL DEFAULT 0,
    telegram_id  BIGINT UNIQUE,
    created_at   BIGINT NOT NULL,
    updated_at   BIGINT NOT NULL
);
CREATE INDEX staff_superior ON staff (superior_nip);
CREATE INDEX staff_unit ON staff (unit_code, name);

-- Who was whose assessor, and when: a roster import that changes a
-- superior closes one span and opens the next.
CREATE TABLE superior_spans (
    id           {{ID}},
    nip          TEXT NOT NULL REFERENCES staff(nip),
    superior_nip TEXT NOT NULL,
    valid_from   BIGINT NOT NULL,
    valid_to     BIGINT
);
CREATE INDEX superior_spans_nip ON superior_spans (nip, valid_from);

CREATE TABLE invites (
    code       TEXT PRIMARY KEY,
    nip        TEXT NOT NULL REFERENCES staff(nip),
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT,
    used_by    BIGINT
);
CREATE INDEX invites_nip ON invites (nip);

CREATE TABLE accounts (
    telegram_id BIGINT PRIMARY KEY,
    lang        TEXT NOT NULL DEFAULT '',
    unreachable INTEGER NOT NULL DEFAULT 0,
    updated_at  BIGINT NOT NULL
);

CREATE TABLE sessions (
    chat_id    BIGINT PRIMARY KEY,
    flow       TEXT NOT NULL,
    step       TEXT NOT NULL,
    data       TEXT NOT NULL,
    message_id BIGINT NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL
);

CREATE TABLE processed_updates (
    update_id  BIGINT PRIMARY KEY,
    handled_at BIGINT NOT NULL
);
CREATE INDEX processed_updates_at ON processed_updates (handled_at);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
