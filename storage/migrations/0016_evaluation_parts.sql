-- The assessors' parts of a period when a person moved mid-period and
-- evaluation.transfer_split is on: a JSON array of kinerja.EvalPart, ''
-- when the period was evaluated whole.

ALTER TABLE evaluations ADD COLUMN parts TEXT NOT NULL DEFAULT '';
