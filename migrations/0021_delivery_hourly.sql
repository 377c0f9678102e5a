-- Settled deliveries per hour and status, for the admins' console's 7-day chart: a week of hours is at most 504
-- rows to read, however many deliveries they count, and pruning old deliveries (DELIVERY_RETENTION_DAYS) leaves
-- them counted. The trigger counts every move into a settled status in the transaction that makes it, in the hour
-- of the row's new updated_at (the sender stamps it); a statement that settles rows without stamping them (a
-- cancelled broadcast's) counts them in the current hour.
CREATE TABLE `delivery_hourly` (
	`hour` integer NOT NULL,
	`status` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`hour`, `status`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `delivery_hourly` (`hour`, `status`, `n`)
SELECT `updated_at` / 3600000, `status`, count(*) FROM `deliveries`
WHERE `status` IN ('sent', 'failed', 'skipped')
GROUP BY 1, 2;
--> statement-breakpoint
CREATE TRIGGER `deliveries_hourly_update` AFTER UPDATE OF `status` ON `deliveries`
WHEN new.status IN ('sent', 'failed', 'skipped') AND new.status IS NOT old.status
BEGIN
	INSERT INTO `delivery_hourly` (`hour`, `status`, `n`)
	VALUES (
		(CASE WHEN new.updated_at IS NOT old.updated_at THEN new.updated_at
		      ELSE CAST(unixepoch('subsec') * 1000 AS INTEGER) END) / 3600000,
		new.status, 1)
	ON CONFLICT (`hour`, `status`) DO UPDATE SET `n` = `n` + 1;
END;
