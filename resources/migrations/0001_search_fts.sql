-- Full-text index over the debtor's name and the causale: the words an operator types.
-- Exact codes (notice number, IUV, IUPD, fiscal code) use ordinary indexes instead.
CREATE VIRTUAL TABLE positions_fts USING fts5(
  debtor_name, causale,
  content='positions', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2', prefix='2 3'
);
--> statement-breakpoint
CREATE TRIGGER positions_fts_ai AFTER INSERT ON positions BEGIN
  INSERT INTO positions_fts(rowid, debtor_name, causale) VALUES (new.id, new.debtor_name, new.causale);
END;
--> statement-breakpoint
CREATE TRIGGER positions_fts_ad AFTER DELETE ON positions BEGIN
  INSERT INTO positions_fts(positions_fts, rowid, debtor_name, causale) VALUES ('delete', old.id, old.debtor_name, old.causale);
END;
--> statement-breakpoint
CREATE TRIGGER positions_fts_au AFTER UPDATE OF debtor_name, causale ON positions BEGIN
  INSERT INTO positions_fts(positions_fts, rowid, debtor_name, causale) VALUES ('delete', old.id, old.debtor_name, old.causale);
  INSERT INTO positions_fts(rowid, debtor_name, causale) VALUES (new.id, new.debtor_name, new.causale);
END;
--> statement-breakpoint
-- A cache written by an older version may already hold positions: index them.
INSERT INTO positions_fts(positions_fts) VALUES ('rebuild');
