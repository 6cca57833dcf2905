-- The newest sent edit of each message a reply edited (issue 13): a
-- replica that dies just after Telegram accepted an edit, before it could
-- note it, finds that edit unsent at restart; meanwhile another replica
-- may have sent newer edits of the same message (the citizen went on
-- pressing buttons). Resending the old one would turn the message back to
-- an earlier step, so a claimed edit older than last_id is dropped. Rows
-- are written when sent replies are forgotten and pruned after an hour
-- (a lease is 30 seconds).
CREATE TABLE reply_edits (
    chat_id    BIGINT NOT NULL,
    message_id BIGINT NOT NULL,
    last_id    BIGINT NOT NULL,
    at         BIGINT NOT NULL,
    PRIMARY KEY (chat_id, message_id)
);
CREATE INDEX reply_edits_at ON reply_edits (at);
