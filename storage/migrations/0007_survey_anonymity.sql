-- Survey anonymity (issue 16). The duplicate keys of survey responses were
-- an HMAC of Telegram id, unit and day under a secret kept in settings, so
-- a copy of the database could test every linked civil servant's Telegram
-- id against them. They are now made with a random key per day that never
-- enters the database and are erased once their day is over. The old
-- secret goes, and so do the keys made with it: a repeat on the day of the
-- upgrade, by someone counted before it, is counted again.
DELETE FROM settings WHERE key = 'survey.hmac_secret';
UPDATE survey_responses SET dup_key = NULL WHERE dup_key IS NOT NULL;

-- SQLite: pages freed before secure_delete was turned on may still hold
-- deleted rows (survey sessions, the old secret); the survey's clean-up
-- job rewrites the file once (VACUUM) and removes this mark.
INSERT INTO settings (key, value) VALUES ('storage.vacuum_pending', '0007');
