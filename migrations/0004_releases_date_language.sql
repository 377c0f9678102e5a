-- drizzle-kit 0.31 quotes an expression index as if it were two column names; the expression is written out here.
CREATE INDEX `releases_date` ON `releases` (coalesce("published_at", "first_seen_at"));--> statement-breakpoint
CREATE INDEX `releases_language` ON `releases` (`language`);
