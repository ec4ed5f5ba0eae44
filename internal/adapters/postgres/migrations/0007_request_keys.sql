-- 0007: keys of requests already served (signatures of Slack requests),
-- each until it expires, so that a replayed request runs nothing in any
-- process sharing the store. Store.FirstUse claims a key.

CREATE TABLE request_keys (
    key     text        PRIMARY KEY,
    expires timestamptz NOT NULL
);
CREATE INDEX request_keys_expires ON request_keys (expires);
