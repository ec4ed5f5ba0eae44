-- 0003: the story-matching index. Each article's key terms (digest
-- Article.StoryTerms) with its publication time, so that the story
-- candidates of a new article are found by a few index range scans, and
-- its encoded story document (Article.StorySignature), so that they are
-- compared without analysing them again. Articles stored before this
-- migration get theirs from digest.Service.IndexStories.
--
-- story_terms has no foreign key: a cascade would need a second index on
-- it for deletes the bot never makes. Rows whose signature is gone are
-- ignored (StorySignatures returns nothing for them).

CREATE TABLE story_signatures (
    article_id bigint      PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    story_id   bigint      NOT NULL,
    published  timestamptz NOT NULL,
    data       bytea       NOT NULL
);

CREATE TABLE story_terms (
    term       text        NOT NULL,
    published  timestamptz NOT NULL,
    article_id bigint      NOT NULL,
    PRIMARY KEY (term, published, article_id)
);

-- The lookups read the newest rows of each term: vacuum and analyze the
-- table after every 1% of growth rather than the default 20%, so that the
-- visibility map of recently filled pages allows index-only scans and the
-- statistics keep the planner on the primary key.
ALTER TABLE story_terms SET (autovacuum_vacuum_insert_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.01);
