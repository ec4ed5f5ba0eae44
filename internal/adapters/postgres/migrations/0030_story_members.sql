-- Story members: ingest reads the newest signatures of each candidate
-- story in the story window (StoryMembers) to compare a headline with
-- whole stories.
CREATE INDEX story_signatures_story ON story_signatures (story_id, published);
