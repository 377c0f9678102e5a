-- Every row enters the outbox as 'pending' (each INSERT INTO deliveries in src/db says so); only an UPDATE settles
-- it, and deliveries_totals_update counts that. The insert trigger never counted anything, yet SQLite ran it for
-- every row queued: half the cost of fanning one release out to a million subscribers (measured, 300,000 rows:
-- 1.9 s of CPU with it, 0.9 s without).
DROP TRIGGER IF EXISTS `deliveries_totals_insert`;
