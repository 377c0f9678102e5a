-- Fanning a release out to a million subscribers, made cheaper (measured in README, "Measured figures").
-- The fan-out reads every active chat's subscriptions: an index holding all it asks of them, so it reads no
-- subscription row.
CREATE INDEX `subscriptions_fan_out` ON `subscriptions` (`chat_id`, `thread_id`, `status`, `digest`, `mode`, `languages`);
--> statement-breakpoint
-- The outbox, rebuilt so that queueing a row costs less (1,000,000 rows per release to a million subscribers), and
-- the same however many rows of earlier releases it still holds:
--  * no foreign key to chats: SQLite checked it for every row queued (a cursor opened and closed per row) though
--    every INSERT INTO deliveries selects its chat from chats or subscriptions. The two cascades it gave (a chat's
--    id moving on a group -> supergroup migration, a chat deleted) are the triggers below. A later rebuild of
--    `chats` drops them with the table and must create them again.
--  * a queued release enters the table, the unique key (kind, ref_id, ...: a new release's rows go at its end) and
--    the queue index, nothing more. Every other index is partial and takes a row when the sender claims, sends or
--    settles it. An index by chat that took queued rows (the old deliveries_chat) had its pages rewritten by each
--    fan-out around the rows of earlier releases: the WAL one release to 1,000,000 subscribers wrote grew with each
--    release kept (measured, three in a row: 152, 178, 201 MB before; 102, 105, 106 MB now).
--  * the queued rows of a chat are found through the queue index when needed (the rare chat migration); a chat
--    that blocks the bot or unsubscribes no longer marks them at once: the sender skips each at its turn, with the
--    same reason (checkBeforeSend).
-- Foreign keys are off while migrations run (src/db/migrate.ts), as this procedure requires.
CREATE TABLE `__new_deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`ref_id` integer NOT NULL,
	`chat_id` integer NOT NULL,
	`thread_id` integer DEFAULT 0 NOT NULL,
	`alert_id` integer,
	`status` text DEFAULT 'pending' NOT NULL,
	`priority` integer DEFAULT 0 NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer DEFAULT 0 NOT NULL,
	`message_id` integer,
	`revision` integer,
	`last_error` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_deliveries` (`id`, `kind`, `ref_id`, `chat_id`, `thread_id`, `alert_id`, `status`, `priority`,
	`attempts`, `next_attempt_at`, `message_id`, `revision`, `last_error`, `created_at`, `updated_at`)
SELECT `id`, `kind`, `ref_id`, `chat_id`, `thread_id`, `alert_id`, `status`, `priority`, `attempts`, `next_attempt_at`,
	`message_id`, `revision`, `last_error`, `created_at`, `updated_at`
FROM `deliveries` ORDER BY `id`;
--> statement-breakpoint
-- Ids are never reused, pruned ones included: the new table continues the old one's AUTOINCREMENT counter.
INSERT INTO `sqlite_sequence` (`name`, `seq`)
SELECT '__new_deliveries', 0 WHERE NOT EXISTS (SELECT 1 FROM `sqlite_sequence` WHERE `name` = '__new_deliveries');
--> statement-breakpoint
UPDATE `sqlite_sequence` SET `seq` = max(`seq`, coalesce((SELECT `seq` FROM `sqlite_sequence` WHERE `name` = 'deliveries'), 0))
WHERE `name` = '__new_deliveries';
--> statement-breakpoint
DROP TABLE `deliveries`;
--> statement-breakpoint
ALTER TABLE `__new_deliveries` RENAME TO `deliveries`;
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_kind_ref_chat_thread` ON `deliveries` (`kind`, `ref_id`, `chat_id`, `thread_id`);
--> statement-breakpoint
CREATE INDEX `deliveries_chat` ON `deliveries` (`chat_id`, `thread_id`) WHERE `status` <> 'pending';
--> statement-breakpoint
CREATE INDEX `deliveries_queue` ON `deliveries` (`status`, `priority`, `next_attempt_at`, `id`);
--> statement-breakpoint
CREATE INDEX `deliveries_settled` ON `deliveries` (`status`, `updated_at`) WHERE `status` IN ('sent', 'failed', 'skipped');
--> statement-breakpoint
CREATE INDEX `deliveries_broadcast` ON `deliveries` (`ref_id`, `status`) WHERE `kind` = 'broadcast';
--> statement-breakpoint
CREATE INDEX `deliveries_sent_release` ON `deliveries` (`ref_id`) WHERE `kind` = 'release' AND `status` = 'sent';
--> statement-breakpoint
CREATE TRIGGER `deliveries_totals_update` AFTER UPDATE OF `status` ON `deliveries`
WHEN new.status IN ('sent', 'failed', 'skipped') AND new.status IS NOT old.status
BEGIN
	INSERT INTO `delivery_totals` (`kind`, `status`, `n`) VALUES (new.kind, new.status, 1)
	ON CONFLICT (`kind`, `status`) DO UPDATE SET `n` = `n` + 1;
END;
--> statement-breakpoint
-- Each in two statements, so that each has an index: queued rows through the queue index, the rest through
-- deliveries_chat (whose WHERE the second repeats word for word).
CREATE TRIGGER `chats_id_moves_deliveries` AFTER UPDATE OF `id` ON `chats`
BEGIN
	UPDATE OR IGNORE `deliveries` SET `chat_id` = new.id WHERE `status` = 'pending' AND `chat_id` = old.id;
	UPDATE OR IGNORE `deliveries` SET `chat_id` = new.id WHERE `status` <> 'pending' AND `chat_id` = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER `chats_delete_deliveries` AFTER DELETE ON `chats`
BEGIN
	DELETE FROM `deliveries` WHERE `status` = 'pending' AND `chat_id` = old.id;
	DELETE FROM `deliveries` WHERE `status` <> 'pending' AND `chat_id` = old.id;
END;
