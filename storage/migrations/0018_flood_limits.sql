-- One pace for the sends of every replica on one PostgreSQL database, so
-- that Telegram's overall flood limit holds across processes: each row is a
-- limit's theoretical arrival time (GCRA), in microseconds of the
-- database's clock. Unused on SQLite, where one process paces in memory.
CREATE TABLE flood_limits (
    key TEXT PRIMARY KEY,
    tat BIGINT NOT NULL
);
