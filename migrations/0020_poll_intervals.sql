-- Per-source poll timing (issue 23). poll_interval_ms: the operator's interval (`feeds set --every`), null for
-- POLL_SCHEDULE. poll_due_at: when the scheduler polls the feed next (its own timer's grid), kept so that a restart
-- resumes the grid; null: never scheduled (its first poll is spread among the others). ttl_ms: the feed's own
-- <ttl>, kept so that a 304 or an unchanged document still honours it.
ALTER TABLE `feeds` ADD `poll_interval_ms` integer;
--> statement-breakpoint
ALTER TABLE `feeds` ADD `poll_due_at` integer;
--> statement-breakpoint
ALTER TABLE `feeds` ADD `ttl_ms` integer;
