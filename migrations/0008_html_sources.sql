-- Sources without a feed (issue 11): a feed row is either an RSS/Atom/JSON feed or an HTML listing read with a
-- source config (JSON, see src/feed/html/source-config.ts); releases of one news item in several languages share
-- a translation key.
ALTER TABLE `feeds` ADD `kind` text DEFAULT 'feed' NOT NULL;--> statement-breakpoint
ALTER TABLE `feeds` ADD `source_config` text;--> statement-breakpoint
ALTER TABLE `releases` ADD `translation_key` text;--> statement-breakpoint
CREATE INDEX `releases_translation_key` ON `releases` (`translation_key`);
