-- Replies the bot owes for handled updates (issue 12): written in the same
-- transaction as an update's effects, deleted once sent, so a reply still
-- unsent when the process dies is sent after the restart. owner is the
-- replica sending it; a replica renews lease_until while it lives, and
-- another may claim the rows of one whose lease ended (it crashed).
CREATE TABLE reply_queue (
    id          {{ID}},
    update_id   BIGINT NOT NULL,
    queue_chat  BIGINT NOT NULL,
    chat_id     BIGINT NOT NULL,
    body        TEXT NOT NULL,
    buttons     TEXT NOT NULL DEFAULT '',
    edit_id     BIGINT NOT NULL DEFAULT 0,
    photo       {{BLOB}},
    document    {{BLOB}},
    file_name   TEXT NOT NULL DEFAULT '',
    owner       TEXT NOT NULL,
    lease_until BIGINT NOT NULL,
    created_at  BIGINT NOT NULL
);
CREATE INDEX reply_queue_update ON reply_queue (update_id);
CREATE INDEX reply_queue_owner ON reply_queue (owner, lease_until);
CREATE INDEX reply_queue_lease ON reply_queue (lease_until);
