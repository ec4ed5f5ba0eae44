-- 0001: articles, quotes and their full-text indexes; schedules, runs,
-- deliveries and feed states. Times are INTEGER unix nanoseconds in UTC
-- (0 for "unset"); booleans are 0/1.

CREATE TABLE articles (
    id          INTEGER PRIMARY KEY,
    url         TEXT    NOT NULL UNIQUE,
    guid        TEXT    NOT NULL DEFAULT '',
    feed_url    TEXT    NOT NULL DEFAULT '',
    title       TEXT    NOT NULL DEFAULT '',
    source      TEXT    NOT NULL DEFAULT '',
    author      TEXT    NOT NULL DEFAULT '',
    language    TEXT    NOT NULL DEFAULT '',
    published   INTEGER NOT NULL DEFAULT 0,
    fetched     INTEGER NOT NULL DEFAULT 0,
    sample      INTEGER NOT NULL DEFAULT 0,
    story_id    INTEGER NOT NULL DEFAULT 0,
    fingerprint INTEGER NOT NULL DEFAULT 0, -- uint64 bit pattern
    body        TEXT    NOT NULL DEFAULT '' -- last: long values overflow, and columns after them cost a walk
);
CREATE UNIQUE INDEX articles_feed_guid ON articles (feed_url, guid) WHERE guid <> '';
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_story ON articles (story_id, published);
CREATE INDEX articles_feed ON articles (feed_url);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, body,
    content = 'articles', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO articles_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;

CREATE TABLE quotes (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    ord        INTEGER NOT NULL,
    text       TEXT    NOT NULL,
    speaker    TEXT    NOT NULL DEFAULT '',
    cue        TEXT    NOT NULL DEFAULT '',
    start_pos  INTEGER NOT NULL DEFAULT 0,
    end_pos    INTEGER NOT NULL DEFAULT 0,
    score      REAL    NOT NULL DEFAULT 0
);
CREATE INDEX quotes_article ON quotes (article_id, ord);

CREATE VIRTUAL TABLE quotes_fts USING fts5 (
    text, speaker,
    content = 'quotes', content_rowid = 'id',
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts (rowid, text, speaker) VALUES (new.id, new.text, new.speaker);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text, speaker) VALUES ('delete', old.id, old.text, old.speaker);
END;
CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text, speaker ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text, speaker) VALUES ('delete', old.id, old.text, old.speaker);
    INSERT INTO quotes_fts (rowid, text, speaker) VALUES (new.id, new.text, new.speaker);
END;

CREATE TABLE schedules (
    id          INTEGER PRIMARY KEY,
    platform    TEXT    NOT NULL,
    workspace   TEXT    NOT NULL DEFAULT '',
    channel_id  TEXT    NOT NULL,
    topics      TEXT    NOT NULL DEFAULT '[]', -- JSON array of strings, in order
    hour        INTEGER NOT NULL,
    minute      INTEGER NOT NULL,
    time_zone   TEXT    NOT NULL,
    weekdays    INTEGER NOT NULL DEFAULT 0,    -- bit d set for time.Weekday d; 0 = every day
    max_stories INTEGER NOT NULL DEFAULT 0,
    created_by  TEXT    NOT NULL DEFAULT '',
    created_at  INTEGER NOT NULL DEFAULT 0,
    updated_at  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX schedules_channel ON schedules (platform, workspace, channel_id);

CREATE TABLE runs (
    schedule_id  INTEGER NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
    local_date   TEXT    NOT NULL, -- YYYY-MM-DD in the schedule's time zone
    owner        TEXT    NOT NULL DEFAULT '',
    lease_until  INTEGER NOT NULL DEFAULT 0,
    done         INTEGER NOT NULL DEFAULT 0,
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT    NOT NULL DEFAULT '',
    delivered_at INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (schedule_id, local_date)
) WITHOUT ROWID;

CREATE TABLE delivered (
    platform    TEXT    NOT NULL,
    workspace   TEXT    NOT NULL,
    channel_id  TEXT    NOT NULL,
    story_id    INTEGER NOT NULL,
    fingerprint INTEGER NOT NULL DEFAULT 0,
    at          INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (platform, workspace, channel_id, story_id)
) WITHOUT ROWID;

CREATE TABLE feeds (
    url           TEXT    PRIMARY KEY,
    title         TEXT    NOT NULL DEFAULT '',
    etag          TEXT    NOT NULL DEFAULT '',
    last_modified TEXT    NOT NULL DEFAULT '',
    last_poll     INTEGER NOT NULL DEFAULT 0,
    last_success  INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT    NOT NULL DEFAULT '',
    failures      INTEGER NOT NULL DEFAULT 0,
    next_poll     INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
