-- 0005: keys of requests already served (signatures of Slack requests),
-- each until it expires, so that a replayed request runs nothing in any
-- process sharing the store. Store.FirstUse claims a key.

CREATE TABLE request_keys (
    key     TEXT    PRIMARY KEY,
    expires INTEGER NOT NULL -- unix nanoseconds
) WITHOUT ROWID;
CREATE INDEX request_keys_expires ON request_keys (expires);
