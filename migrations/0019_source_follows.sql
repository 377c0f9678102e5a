-- Readers follow or mute a source (issue 23): one row per subscription and feed. state 'follow': the feed's
-- releases reach a subscription in the mode "only what I follow" (beside its topics and alerts); 'mute': none of
-- the feed's releases reach it, whatever its mode, topics or alerts. The language editions of one publisher are
-- several feeds, followed or muted together (a row each). The primary key is what the fan-out probes (outbox.ts).
CREATE TABLE `subscription_sources` (
  `subscription_id` integer NOT NULL REFERENCES `subscriptions`(`id`) ON DELETE cascade,
  `feed_id` integer NOT NULL REFERENCES `feeds`(`id`) ON DELETE cascade,
  `state` text NOT NULL,
  PRIMARY KEY(`subscription_id`, `feed_id`)
) WITHOUT ROWID;
--> statement-breakpoint
-- Broadcasts to a source's followers start from the feed.
CREATE INDEX `subscription_sources_feed` ON `subscription_sources` (`feed_id`, `state`);
--> statement-breakpoint
-- Sound of pushes per subscription: 'normal'; 'silent' (always disable_notification); 'quiet' (silent during quiet
-- hours); 'hold' (kept during quiet hours and sent when they end). Quiet hours in minutes after local midnight in
-- the subscription's time_zone, 22:00-08:00 by default. alerts_ring: a push an alert brought rings anyway.
ALTER TABLE `subscriptions` ADD `sound` text DEFAULT 'normal' NOT NULL;
--> statement-breakpoint
ALTER TABLE `subscriptions` ADD `quiet_start` integer DEFAULT 1320 NOT NULL;
--> statement-breakpoint
ALTER TABLE `subscriptions` ADD `quiet_end` integer DEFAULT 480 NOT NULL;
--> statement-breakpoint
ALTER TABLE `subscriptions` ADD `alerts_ring` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- update_notices: a release corrected substantially after its push gets a short "Updated" reply (on by default).
ALTER TABLE `subscriptions` ADD `update_notices` integer DEFAULT 1 NOT NULL;
