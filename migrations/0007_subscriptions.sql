-- Subscriptions: what one chat, or one forum topic of a group (thread_id > 0), receives. Thread 0 is the whole chat
-- (in a forum: the General topic). Every existing chat becomes its thread-0 subscription with its settings.
CREATE TABLE `subscriptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`chat_id` integer NOT NULL,
	`thread_id` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`paused_reason` text,
	`mode` text DEFAULT 'all' NOT NULL,
	`languages` text,
	`time_zone` text DEFAULT 'UTC' NOT NULL,
	`digest` text DEFAULT 'off' NOT NULL,
	`digest_minute` integer,
	`digest_weekday` integer,
	`digest_due_at` integer,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE cascade ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `subscriptions_chat_thread` ON `subscriptions` (`chat_id`,`thread_id`);--> statement-breakpoint
CREATE INDEX `subscriptions_digest_due` ON `subscriptions` (`digest_due_at`);--> statement-breakpoint
CREATE INDEX `subscriptions_on_digest` ON `subscriptions` (`id`) WHERE `digest` <> 'off';--> statement-breakpoint
INSERT INTO `subscriptions` (`chat_id`, `thread_id`, `status`, `mode`, `languages`, `created_at`, `updated_at`)
  SELECT `id`, 0, CASE WHEN `status` = 'stopped' THEN 'stopped' ELSE 'active' END, `mode`, `languages`, `created_at`, `updated_at`
  FROM `chats`;
--> statement-breakpoint
CREATE TABLE `subscription_topics` (
	`subscription_id` integer NOT NULL,
	`topic_id` integer NOT NULL,
	PRIMARY KEY(`subscription_id`, `topic_id`),
	FOREIGN KEY (`subscription_id`) REFERENCES `subscriptions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `subscription_topics_topic` ON `subscription_topics` (`topic_id`);--> statement-breakpoint
INSERT INTO `subscription_topics` (`subscription_id`, `topic_id`)
  SELECT s.`id`, ct.`topic_id` FROM `chat_topics` ct JOIN `subscriptions` s ON s.`chat_id` = ct.`chat_id` AND s.`thread_id` = 0;
--> statement-breakpoint
DROP TABLE `chat_topics`;--> statement-breakpoint
DROP INDEX `chats_status_mode`;--> statement-breakpoint
ALTER TABLE `chats` DROP COLUMN `mode`;--> statement-breakpoint
ALTER TABLE `chats` DROP COLUMN `languages`;--> statement-breakpoint
ALTER TABLE `chats` ADD `subscribed_by` integer;--> statement-breakpoint
CREATE INDEX `chats_status` ON `chats` (`status`);--> statement-breakpoint
CREATE INDEX `chats_subscribed_by` ON `chats` (`subscribed_by`);--> statement-breakpoint
CREATE TABLE `alerts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subscription_id` integer NOT NULL,
	`query` text NOT NULL,
	`match_query` text NOT NULL,
	`topic_id` integer,
	`key` text NOT NULL,
	`terms` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`subscription_id`) REFERENCES `subscriptions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `alerts_key` ON `alerts` (`key`);--> statement-breakpoint
CREATE INDEX `alerts_subscription` ON `alerts` (`subscription_id`);--> statement-breakpoint
CREATE TABLE `digests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`subscription_id` integer NOT NULL,
	`period_end` integer NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`subscription_id`) REFERENCES `subscriptions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `digests_subscription_period` ON `digests` (`subscription_id`,`period_end`);--> statement-breakpoint
CREATE TABLE `digest_items` (
	`subscription_id` integer NOT NULL,
	`release_id` integer NOT NULL,
	`alert_id` integer,
	`digest_id` integer,
	PRIMARY KEY(`subscription_id`, `release_id`),
	FOREIGN KEY (`subscription_id`) REFERENCES `subscriptions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`digest_id`) REFERENCES `digests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `digest_items_digest` ON `digest_items` (`digest_id`);--> statement-breakpoint
ALTER TABLE `deliveries` ADD `thread_id` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `deliveries` ADD `alert_id` integer;--> statement-breakpoint
DROP INDEX `deliveries_kind_ref_chat`;--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_kind_ref_chat_thread` ON `deliveries` (`kind`,`ref_id`,`chat_id`,`thread_id`);
