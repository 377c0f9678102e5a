-- The published language feeds (/feeds/lang/{xx}) list a language's newest releases: with (language, date) that
-- is a walk of fifty index entries; with the language alone, a sort of every release in the language. The new
-- index also serves what releases_language did (/settings groups by language), so that one goes.
CREATE INDEX `releases_language_date` ON `releases` (`language`, coalesce("published_at", "first_seen_at"));--> statement-breakpoint
DROP INDEX `releases_language`;
