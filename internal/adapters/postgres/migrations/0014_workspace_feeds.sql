-- 0014: the feeds Slack workspaces and Discord servers add from chat
-- (/feeds add). A URL added by several workspaces has one row each here and
-- one polling state in feeds. notice is the last health notice sent to the
-- channel the feed was added in ('' or 'failing').
CREATE TABLE workspace_feeds (
    id         bigserial   PRIMARY KEY,
    platform   text        NOT NULL,
    workspace  text        NOT NULL DEFAULT '',
    url        text        NOT NULL,
    title      text        NOT NULL DEFAULT '',
    channel_id text        NOT NULL DEFAULT '',
    added_by   text        NOT NULL DEFAULT '',
    added_at   timestamptz NOT NULL DEFAULT '0001-01-01 00:00:00+00',
    notice     text        NOT NULL DEFAULT '',
    UNIQUE (platform, workspace, url)
);
CREATE INDEX workspace_feeds_url ON workspace_feeds (url);
