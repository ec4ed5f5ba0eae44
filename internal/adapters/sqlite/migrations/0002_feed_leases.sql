-- Feed leases: a process claims a due feed (ClaimFeed) before polling it;
-- PutFeedState releases the lease. lease_until is Unix nanoseconds, 0 when
-- no lease was ever taken.
ALTER TABLE feeds ADD COLUMN lease_owner TEXT NOT NULL DEFAULT '';
ALTER TABLE feeds ADD COLUMN lease_until INTEGER NOT NULL DEFAULT 0;
