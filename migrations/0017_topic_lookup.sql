-- Topics looked up through indexes, however many feed categories made (issue 20: 300,000 topics cost 1-1.5 s per
-- lookup when every lookup read them all), and a cap on the topics one feed's categories create.
-- feed_id: the feed whose category created the topic (the writer counts them against the cap); null for a topic of
-- the topics file and for every topic created before this migration.
ALTER TABLE `topics` ADD `feed_id` integer;
--> statement-breakpoint
-- name_key: the name lower-cased as JavaScript does it (Cyrillic too; SQLite's lower() folds ASCII only), what
-- /topic, topic: and alerts compare a typed name with. Written by the release writer; unicode_lower is registered
-- by src/db/client.ts on the connection that migrates.
ALTER TABLE `topics` ADD `name_key` text;
--> statement-breakpoint
-- release_count: the topic's release_topics rows, kept by the triggers below, so /topics pages by use through an
-- index instead of counting every topic's releases.
ALTER TABLE `topics` ADD `release_count` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
UPDATE `topics` SET `name_key` = unicode_lower(`name`),
  `release_count` = (SELECT count(*) FROM `release_topics` rt WHERE rt.`topic_id` = `topics`.`id`);
--> statement-breakpoint
CREATE INDEX `topics_name_key` ON `topics` (`name_key`);
--> statement-breakpoint
CREATE INDEX `topics_by_use` ON `topics` (`release_count` DESC, `slug`);
--> statement-breakpoint
CREATE INDEX `topics_feed` ON `topics` (`feed_id`) WHERE `feed_id` IS NOT NULL;
--> statement-breakpoint
-- The topics file's topics (the only ones with translated names): few, read whole when a name is looked up.
CREATE INDEX `topics_translated` ON `topics` (`id`) WHERE `names` IS NOT NULL;
--> statement-breakpoint
-- A topic inserted without a key (by hand, or a test): ASCII folding, as SQLite can.
CREATE TRIGGER `topics_name_key_default` AFTER INSERT ON `topics` WHEN NEW.`name_key` IS NULL BEGIN
  UPDATE `topics` SET `name_key` = lower(NEW.`name`) WHERE `id` = NEW.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `release_topics_count_insert` AFTER INSERT ON `release_topics` BEGIN
  UPDATE `topics` SET `release_count` = `release_count` + 1 WHERE `id` = NEW.`topic_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `release_topics_count_delete` AFTER DELETE ON `release_topics` BEGIN
  UPDATE `topics` SET `release_count` = `release_count` - 1 WHERE `id` = OLD.`topic_id`;
END;
