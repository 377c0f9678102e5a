-- Running totals of settled deliveries by kind and status, for /metrics and /stats: reading nine rows instead of
-- grouping the whole outbox, and kept when old deliveries are pruned. The triggers count every move into a
-- settled status in the transaction that makes it (any kind, later ones too); nothing decrements (a pruned row
-- stays counted).
CREATE TABLE `delivery_totals` (
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`n` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`kind`, `status`)
);
--> statement-breakpoint
INSERT INTO `delivery_totals` (`kind`, `status`, `n`)
SELECT k.kind, s.status, (SELECT count(*) FROM `deliveries` d WHERE d.kind = k.kind AND d.status = s.status)
FROM (SELECT 'release' AS kind UNION ALL SELECT 'broadcast' UNION ALL SELECT 'correction') k
CROSS JOIN (SELECT 'sent' AS status UNION ALL SELECT 'failed' UNION ALL SELECT 'skipped') s;
--> statement-breakpoint
CREATE TRIGGER `deliveries_totals_insert` AFTER INSERT ON `deliveries`
WHEN new.status IN ('sent', 'failed', 'skipped')
BEGIN
	INSERT INTO `delivery_totals` (`kind`, `status`, `n`) VALUES (new.kind, new.status, 1)
	ON CONFLICT (`kind`, `status`) DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `deliveries_totals_update` AFTER UPDATE OF `status` ON `deliveries`
WHEN new.status IN ('sent', 'failed', 'skipped') AND new.status IS NOT old.status
BEGIN
	INSERT INTO `delivery_totals` (`kind`, `status`, `n`) VALUES (new.kind, new.status, 1)
	ON CONFLICT (`kind`, `status`) DO UPDATE SET `n` = `n` + 1;
END;
