-- The survey's questionnaire is configuration, not schema: answers move
-- from the nine columns u1..u9 of survey_responses into one row per unsur,
-- keyed by the unsur's code, so a questionnaire with other or more unsur
-- needs no migration. A response keeps a row for every unsur it was asked,
-- 0 when skipped, as the columns did.
CREATE TABLE survey_answers (
    response_id BIGINT NOT NULL REFERENCES survey_responses(id) ON DELETE CASCADE,
    unsur_code  TEXT NOT NULL,
    value       INTEGER NOT NULL CHECK (value BETWEEN 0 AND 4),
    PRIMARY KEY (response_id, unsur_code)
);

-- The previous release's answers, unsur by unsur (U1..U9 are the codes of
-- the default questionnaire).
INSERT INTO survey_answers (response_id, unsur_code, value) SELECT id, 'U1', u1 FROM survey_responses;
INSERT INTO survey_answers (response_id, unsur_code, value) SELECT id, 'U2', u2 FROM survey_responses;
INSERT INTO survey_answers (response_id, unsur_code, value) SELECT id, 'U3', u3 FROM survey_responses;
INSERT INTO survey_answers (response_id, unsur_code, value) SELECT id, 'U4', u4 FROM survey_responses;
INSERT INTO survey_answers (response_id, unsur_code, value) SELECT id, 'U5', u5 FROM survey_responses;
INSERT INTO survey_answers (response_id, unsur_code, value) SELECT id, 'U6', u6 FROM survey_responses;
INSERT INTO survey_answers (response_id, unsur_code, value) SELECT id, 'U7', u7 FROM survey_responses;
INSERT INTO survey_answers (response_id, unsur_code, value) SELECT id, 'U8', u8 FROM survey_responses;
INSERT INTO survey_answers (response_id, unsur_code, value) SELECT id, 'U9', u9 FROM survey_responses;

-- The columns go: both engines drop a column in place (SQLite since 3.35,
-- as a column's own CHECK does not stop it), so ids, dup_key, suggestion,
-- profile, officer and day stay as they are.
ALTER TABLE survey_responses DROP COLUMN u1;
ALTER TABLE survey_responses DROP COLUMN u2;
ALTER TABLE survey_responses DROP COLUMN u3;
ALTER TABLE survey_responses DROP COLUMN u4;
ALTER TABLE survey_responses DROP COLUMN u5;
ALTER TABLE survey_responses DROP COLUMN u6;
ALTER TABLE survey_responses DROP COLUMN u7;
ALTER TABLE survey_responses DROP COLUMN u8;
ALTER TABLE survey_responses DROP COLUMN u9;
