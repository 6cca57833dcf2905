-- Budget efficiency (issue 10, part 3): each unit's budget per month, the
-- ceiling in force (pagu) and the money spent that month (realisasi),
-- imported (`budget import`) or reported by the unit's finance officer.
-- Absorption to a month is computed from these rows, never stored.
CREATE TABLE budgets (
    unit_code   TEXT NOT NULL REFERENCES units(code),
    month       TEXT NOT NULL,
    pagu        DOUBLE PRECISION NOT NULL,
    realisasi   DOUBLE PRECISION NOT NULL,
    source      TEXT NOT NULL DEFAULT '',
    reported_by TEXT NOT NULL DEFAULT '',
    updated_at  BIGINT NOT NULL,
    PRIMARY KEY (unit_code, month)
);
