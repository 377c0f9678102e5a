-- Search that finds Russian and Azerbaijani word forms (see src/search/analysis.ts): the index keeps whole words,
-- folded (ё -> е, ə -> e, ı -> i: src/search/fold.ts, LETTER_FOLDS, spelled out in the replace() chains below),
-- without porter's English stemming; queries are cut to stems and searched as prefixes. Rebuilt from the releases
-- in this migration: the old index's terms are porter stems that the new queries would not find.
DROP TRIGGER IF EXISTS `releases_fts_ai`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `releases_fts_ad`;
--> statement-breakpoint
DROP TRIGGER IF EXISTS `releases_fts_au`;
--> statement-breakpoint
DROP TABLE IF EXISTS `releases_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `releases_fts` USING fts5(
  title, summary, body,
  content='releases', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `releases_fts_ai` AFTER INSERT ON `releases` BEGIN
  INSERT INTO releases_fts(rowid, title, summary, body)
  VALUES (new.id, replace(replace(replace(replace(replace(new.title, 'ё', 'е'), 'Ё', 'Е'), 'ə', 'e'), 'Ə', 'E'), 'ı', 'i'), replace(replace(replace(replace(replace(new.summary, 'ё', 'е'), 'Ё', 'Е'), 'ə', 'e'), 'Ə', 'E'), 'ı', 'i'), replace(replace(replace(replace(replace(new.body, 'ё', 'е'), 'Ё', 'Е'), 'ə', 'e'), 'Ə', 'E'), 'ı', 'i'));
END;
--> statement-breakpoint
CREATE TRIGGER `releases_fts_ad` AFTER DELETE ON `releases` BEGIN
  INSERT INTO releases_fts(releases_fts, rowid, title, summary, body)
  VALUES ('delete', old.id, replace(replace(replace(replace(replace(old.title, 'ё', 'е'), 'Ё', 'Е'), 'ə', 'e'), 'Ə', 'E'), 'ı', 'i'), replace(replace(replace(replace(replace(old.summary, 'ё', 'е'), 'Ё', 'Е'), 'ə', 'e'), 'Ə', 'E'), 'ı', 'i'), replace(replace(replace(replace(replace(old.body, 'ё', 'е'), 'Ё', 'Е'), 'ə', 'e'), 'Ə', 'E'), 'ı', 'i'));
END;
--> statement-breakpoint
CREATE TRIGGER `releases_fts_au` AFTER UPDATE OF title, summary, body ON `releases` BEGIN
  INSERT INTO releases_fts(releases_fts, rowid, title, summary, body)
  VALUES ('delete', old.id, replace(replace(replace(replace(replace(old.title, 'ё', 'е'), 'Ё', 'Е'), 'ə', 'e'), 'Ə', 'E'), 'ı', 'i'), replace(replace(replace(replace(replace(old.summary, 'ё', 'е'), 'Ё', 'Е'), 'ə', 'e'), 'Ə', 'E'), 'ı', 'i'), replace(replace(replace(replace(replace(old.body, 'ё', 'е'), 'Ё', 'Е'), 'ə', 'e'), 'Ə', 'E'), 'ı', 'i'));
  INSERT INTO releases_fts(rowid, title, summary, body)
  VALUES (new.id, replace(replace(replace(replace(replace(new.title, 'ё', 'е'), 'Ё', 'Е'), 'ə', 'e'), 'Ə', 'E'), 'ı', 'i'), replace(replace(replace(replace(replace(new.summary, 'ё', 'е'), 'Ё', 'Е'), 'ə', 'e'), 'Ə', 'E'), 'ı', 'i'), replace(replace(replace(replace(replace(new.body, 'ё', 'е'), 'Ё', 'Е'), 'ə', 'e'), 'Ə', 'E'), 'ı', 'i'));
END;
--> statement-breakpoint
INSERT INTO releases_fts(rowid, title, summary, body)
SELECT id, replace(replace(replace(replace(replace(title, 'ё', 'е'), 'Ё', 'Е'), 'ə', 'e'), 'Ə', 'E'), 'ı', 'i'), replace(replace(replace(replace(replace(summary, 'ё', 'е'), 'Ё', 'Е'), 'ə', 'e'), 'Ə', 'E'), 'ı', 'i'), replace(replace(replace(replace(replace(body, 'ё', 'е'), 'Ё', 'Е'), 'ə', 'e'), 'Ə', 'E'), 'ı', 'i') FROM releases;
--> statement-breakpoint
-- Alerts were filed under porter stems: marked here, filed again by the program at start-up (it parses each
-- alert's query as typed; see alerts-repository.ts refileStale). A stale alert matches nothing meanwhile.
UPDATE `alerts` SET `key` = 'stale', `terms` = NULL;
--> statement-breakpoint
-- The index's vocabulary (every folded word and how many releases hold it), for "did you mean" on a search that
-- found nothing (src/db/search.ts, suggest). A view on the index: it stores nothing.
CREATE VIRTUAL TABLE `releases_fts_vocab` USING fts5vocab(releases_fts, row);
