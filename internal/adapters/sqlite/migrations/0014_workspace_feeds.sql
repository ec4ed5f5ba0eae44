-- 0014: the feeds Slack workspaces and Discord servers add from chat
-- (/feeds add). A URL added by several workspaces has one row each here and
-- one polling state in feeds. notice is the last health notice sent to the
-- channel the feed was added in ('' or 'failing'). Times are Unix
-- nanoseconds.
CREATE TABLE workspace_feeds (
    id         INTEGER PRIMARY KEY,
    platform   TEXT    NOT NULL,
    workspace  TEXT    NOT NULL DEFAULT '',
    url        TEXT    NOT NULL,
    title      TEXT    NOT NULL DEFAULT '',
    channel_id TEXT    NOT NULL DEFAULT '',
    added_by   TEXT    NOT NULL DEFAULT '',
    added_at   INTEGER NOT NULL DEFAULT 0,
    notice     TEXT    NOT NULL DEFAULT '',
    UNIQUE (platform, workspace, url)
);
CREATE INDEX workspace_feeds_url ON workspace_feeds (url);
