-- A digest longer than one message goes out one part at a time, each its own request paced like any message
-- (issue 20). parts_sent counts the parts of the row that have gone out; it is committed with each part, so a
-- failure or a restart resumes at the next part instead of sending the digest again from its first. Adding a
-- column with a constant default rewrites no row: instant at any outbox size.
ALTER TABLE `deliveries` ADD `parts_sent` integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- A digest's messages as rendered when the sender first took it (a JSON array of Telegram HTML): the parts still
-- to send continue the ones sent, even if a release in it is corrected or the schedule changes meanwhile.
ALTER TABLE `digests` ADD `parts` text;
