-- Full-text index over releases (title, summary, body): an external-content FTS5 table kept in step by triggers.
-- porter stems English, unicode61 folds case for Cyrillic and Latin, remove_diacritics 2 makes "Erdoğan" match "Erdogan".
CREATE VIRTUAL TABLE `releases_fts` USING fts5(
  title, summary, body,
  content='releases', content_rowid='id',
  tokenize='porter unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `releases_fts_ai` AFTER INSERT ON `releases` BEGIN
  INSERT INTO releases_fts(rowid, title, summary, body) VALUES (new.id, new.title, new.summary, new.body);
END;
--> statement-breakpoint
CREATE TRIGGER `releases_fts_ad` AFTER DELETE ON `releases` BEGIN
  INSERT INTO releases_fts(releases_fts, rowid, title, summary, body) VALUES ('delete', old.id, old.title, old.summary, old.body);
END;
--> statement-breakpoint
CREATE TRIGGER `releases_fts_au` AFTER UPDATE OF title, summary, body ON `releases` BEGIN
  INSERT INTO releases_fts(releases_fts, rowid, title, summary, body) VALUES ('delete', old.id, old.title, old.summary, old.body);
  INSERT INTO releases_fts(rowid, title, summary, body) VALUES (new.id, new.title, new.summary, new.body);
END;
