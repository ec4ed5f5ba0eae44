-- 0003: the story-matching index. Each article's key terms (digest
-- Article.StoryTerms) with its publication time, so that the story
-- candidates of a new article are found by a few index range scans, and
-- its encoded story document (Article.StorySignature), so that they are
-- compared without analysing them again. Articles stored before this
-- migration get theirs from digest.Service.IndexStories.
--
-- story_terms has no foreign key: a cascade would scan it for every
-- deleted article, and the bot deletes none. Rows whose signature is gone
-- are ignored (StorySignatures returns nothing for them).

CREATE TABLE story_signatures (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    story_id   INTEGER NOT NULL,
    published  INTEGER NOT NULL,
    data       BLOB    NOT NULL
);

CREATE TABLE story_terms (
    term       TEXT    NOT NULL,
    published  INTEGER NOT NULL,
    article_id INTEGER NOT NULL,
    PRIMARY KEY (term, published, article_id)
) WITHOUT ROWID;
