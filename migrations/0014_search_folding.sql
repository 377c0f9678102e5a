-- Search that finds Russian and Azerbaijani word forms (see src/search/analysis.ts): a new index, releases_search,
-- keeps whole words folded (ё -> е, ə -> e, ı -> i: src/search/fold.ts, LETTER_FOLDS, spelled out in the replace()
-- chains below), without porter's English stemming; queries are cut to stems and searched as prefixes.
--
-- An existing archive is copied into it in the background, in small batches, by the running program
-- (src/db/search-reindex.ts): this migration only creates the index and its bookkeeping, so starting the new
-- version does not wait for 100,000 releases to be re-indexed (README, Search). Until then search reads the old
-- index; the program drops it, with its triggers, in the transaction that indexes the last batch.
-- search_reindex: releases with id <= last_id existed before this migration and are copied in id order up to
-- indexed_upto; the triggers keep releases_search right for the others (added later, or already copied).
CREATE VIRTUAL TABLE `releases_search` USING fts5(
  title, summary, body,
  content='releases', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2',
  -- Queries are stem prefixes of four to eight letters (and typed prefixes of two and three): an index of each
  -- word's first 2 to 8 letters answers those with one doclist instead of merging every word that starts so
  -- (src/search/analysis.ts, MAX_PREFIX; measured in README, Search).
  prefix='2 3 4 5 6 7 8'
);
--> statement-breakpoint
CREATE TABLE `search_reindex` (
  `id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
  `indexed_upto` integer NOT NULL,
  `last_id` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `search_reindex` (`id`, `indexed_upto`, `last_id`)
SELECT 1, 0, coalesce(max(`id`), 0) FROM `releases`;
--> statement-breakpoint
CREATE TRIGGER `releases_search_ai` AFTER INSERT ON `releases` WHEN (SELECT new.id <= indexed_upto OR new.id > last_id FROM search_reindex) BEGIN
  INSERT INTO releases_search(rowid, title, summary, body)
  VALUES (new.id, replace(replace(replace(replace(replace(new.title, 'ё', 'е'), 'Ё', 'Е'), 'ə', 'e'), 'Ə', 'E'), 'ı', 'i'), replace(replace(replace(replace(replace(new.summary, 'ё', 'е'), 'Ё', 'Е'), 'ə', 'e'), 'Ə', 'E'), 'ı', 'i'), replace(replace(replace(replace(replace(new.body, 'ё', 'е'), 'Ё', 'Е'), 'ə', 'e'), 'Ə', 'E'), 'ı', 'i'));
END;
--> statement-breakpoint
CREATE TRIGGER `releases_search_ad` AFTER DELETE ON `releases` WHEN (SELECT old.id <= indexed_upto OR old.id > last_id FROM search_reindex) BEGIN
  INSERT INTO releases_search(releases_search, rowid, title, summary, body)
  VALUES ('delete', old.id, replace(replace(replace(replace(replace(old.title, 'ё', 'е'), 'Ё', 'Е'), 'ə', 'e'), 'Ə', 'E'), 'ı', 'i'), replace(replace(replace(replace(replace(old.summary, 'ё', 'е'), 'Ё', 'Е'), 'ə', 'e'), 'Ə', 'E'), 'ı', 'i'), replace(replace(replace(replace(replace(old.body, 'ё', 'е'), 'Ё', 'Е'), 'ə', 'e'), 'Ə', 'E'), 'ı', 'i'));
END;
--> statement-breakpoint
CREATE TRIGGER `releases_search_au` AFTER UPDATE OF title, summary, body ON `releases` WHEN (SELECT old.id <= indexed_upto OR old.id > last_id FROM search_reindex) BEGIN
  INSERT INTO releases_search(releases_search, rowid, title, summary, body)
  VALUES ('delete', old.id, replace(replace(replace(replace(replace(old.title, 'ё', 'е'), 'Ё', 'Е'), 'ə', 'e'), 'Ə', 'E'), 'ı', 'i'), replace(replace(replace(replace(replace(old.summary, 'ё', 'е'), 'Ё', 'Е'), 'ə', 'e'), 'Ə', 'E'), 'ı', 'i'), replace(replace(replace(replace(replace(old.body, 'ё', 'е'), 'Ё', 'Е'), 'ə', 'e'), 'Ə', 'E'), 'ı', 'i'));
  INSERT INTO releases_search(rowid, title, summary, body)
  VALUES (new.id, replace(replace(replace(replace(replace(new.title, 'ё', 'е'), 'Ё', 'Е'), 'ə', 'e'), 'Ə', 'E'), 'ı', 'i'), replace(replace(replace(replace(replace(new.summary, 'ё', 'е'), 'Ё', 'Е'), 'ə', 'e'), 'Ə', 'E'), 'ı', 'i'), replace(replace(replace(replace(replace(new.body, 'ё', 'е'), 'Ё', 'Е'), 'ə', 'e'), 'Ə', 'E'), 'ı', 'i'));
END;
--> statement-breakpoint
-- The index's vocabulary (every folded word and how many releases hold it), for "did you mean" on a search that
-- found nothing (src/db/search.ts, suggest). A view on the index: it stores nothing.
CREATE VIRTUAL TABLE `releases_search_vocab` USING fts5vocab(releases_search, row);
--> statement-breakpoint
-- Alerts were filed under porter stems: marked here, filed again by the program at start-up (it parses each
-- alert's query as typed; see alerts-repository.ts refileStale). A stale alert matches nothing meanwhile.
UPDATE `alerts` SET `key` = 'stale', `terms` = NULL;
