-- 0015: a digest's filters (language, excluded words, outlets, own feeds)
-- as digest.MarshalFilter JSON; '' for none.
ALTER TABLE schedules ADD COLUMN filters TEXT NOT NULL DEFAULT '';
