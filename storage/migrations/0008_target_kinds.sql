-- Indicator kinds and target periods (issue 10): how reports make a
-- realisation, a band for range targets, the official quarterly targets of
-- a yearly one, and cumulative comparison. Every column has a default that
-- keeps the targets written before as they were: a sum, no band, no
-- quarterly targets, not cumulative. The evaluation's indicator snapshot
-- records which target was used and how it was derived.

ALTER TABLE targets ADD COLUMN aggregation TEXT NOT NULL DEFAULT '';
ALTER TABLE targets ADD COLUMN target_min DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE targets ADD COLUMN target_max DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE targets ADD COLUMN tw1 DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE targets ADD COLUMN tw2 DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE targets ADD COLUMN tw3 DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE targets ADD COLUMN tw4 DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE targets ADD COLUMN cumulative INTEGER NOT NULL DEFAULT 0;

ALTER TABLE evaluation_indicators ADD COLUMN target_period TEXT NOT NULL DEFAULT '';
ALTER TABLE evaluation_indicators ADD COLUMN aggregation TEXT NOT NULL DEFAULT '';
ALTER TABLE evaluation_indicators ADD COLUMN target_min DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE evaluation_indicators ADD COLUMN target_max DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE evaluation_indicators ADD COLUMN target_basis TEXT NOT NULL DEFAULT '';
ALTER TABLE evaluation_indicators ADD COLUMN capaian_raw DOUBLE PRECISION NOT NULL DEFAULT 0;
ALTER TABLE evaluation_indicators ADD COLUMN cap DOUBLE PRECISION NOT NULL DEFAULT 0;
