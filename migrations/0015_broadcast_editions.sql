-- Broadcasts as a press office sends them (issue 22): an edition per language, a chosen audience, a schedule,
-- media and link buttons, urgent / silent, and corrections or withdrawal after sending.
-- The text moves to one row per edition (language en, ru or az; position 0 is the fallback edition).
CREATE TABLE `broadcast_editions` (
	`broadcast_id` integer NOT NULL REFERENCES `broadcasts`(`id`) ON DELETE CASCADE,
	`language` text NOT NULL,
	`position` integer NOT NULL,
	`html` text NOT NULL,
	PRIMARY KEY (`broadcast_id`, `language`)
);
--> statement-breakpoint
-- Earlier broadcasts had one text, with no language given: English, the default.
INSERT INTO `broadcast_editions` (`broadcast_id`, `language`, `position`, `html`)
SELECT `id`, 'en', 0, `html` FROM `broadcasts`;
--> statement-breakpoint
-- Who it goes to, as JSON ({"languages": [...], "topics": [...], "kinds": [...]}; {} for every active chat).
ALTER TABLE `broadcasts` ADD `audience` text DEFAULT '{}' NOT NULL;
--> statement-breakpoint
UPDATE `broadcasts` SET `audience` = json_object('topics', json_array(`topic_slug`)) WHERE `topic_slug` IS NOT NULL;
--> statement-breakpoint
ALTER TABLE `broadcasts` DROP COLUMN `topic_slug`;
--> statement-breakpoint
ALTER TABLE `broadcasts` DROP COLUMN `html`;
--> statement-breakpoint
ALTER TABLE `broadcasts` ADD `scheduled_at` integer;
--> statement-breakpoint
ALTER TABLE `broadcasts` ADD `time_zone` text;
--> statement-breakpoint
ALTER TABLE `broadcasts` ADD `urgent` integer DEFAULT false NOT NULL;
--> statement-breakpoint
ALTER TABLE `broadcasts` ADD `silent` integer DEFAULT false NOT NULL;
--> statement-breakpoint
ALTER TABLE `broadcasts` ADD `media_kind` text;
--> statement-breakpoint
ALTER TABLE `broadcasts` ADD `media_source` text;
--> statement-breakpoint
ALTER TABLE `broadcasts` ADD `media_file_id` text;
--> statement-breakpoint
ALTER TABLE `broadcasts` ADD `buttons` text DEFAULT '[]' NOT NULL;
--> statement-breakpoint
ALTER TABLE `broadcasts` ADD `late` integer DEFAULT false NOT NULL;
--> statement-breakpoint
ALTER TABLE `broadcasts` ADD `corrected_at` integer;
--> statement-breakpoint
ALTER TABLE `broadcasts` ADD `withdrawn_at` integer;
--> statement-breakpoint
-- The admin's message that shows a correction's or withdrawal's progress, until its report is shown.
ALTER TABLE `broadcasts` ADD `follow_up_message_id` integer;
--> statement-breakpoint
ALTER TABLE `broadcasts` ADD `follow_up_started_at` integer;
--> statement-breakpoint
-- The scheduler's look for due broadcasts reads only the scheduled ones.
CREATE INDEX `broadcasts_scheduled` ON `broadcasts` (`scheduled_at`) WHERE `status` = 'scheduled';
--> statement-breakpoint
-- The edition a broadcast row carries (null for every other kind). Adding a nullable column rewrites no row.
ALTER TABLE `deliveries` ADD `edition` text;
--> statement-breakpoint
-- A correction's or withdrawal's progress (kinds broadcast_edit, broadcast_delete).
CREATE INDEX `deliveries_broadcast_followup` ON `deliveries` (`ref_id`, `status`) WHERE `kind` IN ('broadcast_edit', 'broadcast_delete');
