CREATE TABLE `broadcasts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`admin_chat_id` integer NOT NULL,
	`html` text NOT NULL,
	`topic_slug` text,
	`status` text DEFAULT 'preview' NOT NULL,
	`progress_message_id` integer,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`confirmed_at` integer,
	`finished_at` integer
);
--> statement-breakpoint
CREATE TABLE `chat_topics` (
	`chat_id` integer NOT NULL,
	`topic_id` integer NOT NULL,
	PRIMARY KEY(`chat_id`, `topic_id`),
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE cascade ON DELETE cascade,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `chat_topics_topic` ON `chat_topics` (`topic_id`);--> statement-breakpoint
CREATE TABLE `chats` (
	`id` integer PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`title` text,
	`status` text DEFAULT 'active' NOT NULL,
	`mode` text DEFAULT 'all' NOT NULL,
	`languages` text,
	`blocked_reason` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `chats_status_mode` ON `chats` (`status`,`mode`);--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`ref_id` integer NOT NULL,
	`chat_id` integer NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`priority` integer DEFAULT 0 NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer DEFAULT 0 NOT NULL,
	`message_id` integer,
	`revision` integer,
	`last_error` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`chat_id`) REFERENCES `chats`(`id`) ON UPDATE cascade ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_kind_ref_chat` ON `deliveries` (`kind`,`ref_id`,`chat_id`);--> statement-breakpoint
CREATE INDEX `deliveries_queue` ON `deliveries` (`status`,`priority`,`next_attempt_at`,`id`);--> statement-breakpoint
CREATE INDEX `deliveries_chat` ON `deliveries` (`chat_id`,`status`);--> statement-breakpoint
CREATE TABLE `feeds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`url` text NOT NULL,
	`name` text,
	`title` text,
	`language` text,
	`etag` text,
	`last_modified` text,
	`last_polled_at` integer,
	`last_ok_at` integer,
	`consecutive_errors` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`next_poll_at` integer,
	`backfilled_at` integer,
	`boilerplate_patterns` text,
	`health_alerted_at` integer,
	`enabled` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `feeds_url_unique` ON `feeds` (`url`);--> statement-breakpoint
CREATE TABLE `release_topics` (
	`release_id` integer NOT NULL,
	`topic_id` integer NOT NULL,
	PRIMARY KEY(`release_id`, `topic_id`),
	FOREIGN KEY (`release_id`) REFERENCES `releases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `release_topics_topic` ON `release_topics` (`topic_id`);--> statement-breakpoint
CREATE TABLE `releases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`feed_id` integer,
	`guid` text NOT NULL,
	`url` text,
	`title` text NOT NULL,
	`published_at` integer,
	`language` text,
	`body` text DEFAULT '' NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`image_url` text,
	`content_hash` text NOT NULL,
	`first_seen_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer,
	`revision` integer DEFAULT 1 NOT NULL,
	`delivery_state` text NOT NULL,
	FOREIGN KEY (`feed_id`) REFERENCES `feeds`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `releases_feed_guid` ON `releases` (`feed_id`,`guid`);--> statement-breakpoint
CREATE INDEX `releases_published` ON `releases` (`published_at`);--> statement-breakpoint
CREATE INDEX `releases_delivery_state` ON `releases` (`delivery_state`);--> statement-breakpoint
CREATE TABLE `topics` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `topics_slug_unique` ON `topics` (`slug`);