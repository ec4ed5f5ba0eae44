-- 0004: articles by feed and title, for PutArticle's look-up of copies of
-- a new article from the same feed (digest.IsCopy). It replaces the index
-- on feed_url alone, which its prefix serves.

CREATE INDEX articles_feed_title ON articles (feed_url, title);
DROP INDEX articles_feed;
