-- Quiet hours that hold pushes (issue 23: "at most N, the rest as a list"): how many pushes each chat (or forum
-- topic) has had held for the end of one quiet period. The sender counts a hold here in the transaction that
-- holds the push; past the first few, a push goes into that morning's list instead of waiting on its own. One row
-- per subscription and night with holds, counted by its key: no count over the outbox (whose pending rows have no
-- index by chat).
CREATE TABLE `quiet_holds` (
	`chat_id` integer NOT NULL,
	`thread_id` integer NOT NULL,
	`until` integer NOT NULL,
	`held` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`chat_id`, `thread_id`, `until`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `quiet_holds_until` ON `quiet_holds` (`until`);
--> statement-breakpoint
-- A digest is a scheduled one ('scheduled': daily or weekly) or the list of what quiet hours held past the first
-- few pushes ('held', its period_end the instant the quiet hours ended).
ALTER TABLE `digests` ADD `kind` text DEFAULT 'scheduled' NOT NULL;
