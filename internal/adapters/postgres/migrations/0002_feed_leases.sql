-- Feed leases: a process claims a due feed (ClaimFeed) before polling it,
-- so that several processes split the feeds; PutFeedState releases the
-- lease. The zero time stands for "never leased".
ALTER TABLE feeds ADD COLUMN lease_owner text        NOT NULL DEFAULT '';
ALTER TABLE feeds ADD COLUMN lease_until timestamptz NOT NULL DEFAULT '0001-01-01 00:00:00+00';
