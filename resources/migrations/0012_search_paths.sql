-- Search paths that stop early (issue 13, core/dues/search-plan.ts). Every order Cerca dovuti
-- offers gets an index that yields rows in that order, so a page of a common word or of the whole
-- cache is found by walking it and stopping at the 25th match, with any filter. (Due date, status
-- then due date and payment date already have theirs.)
CREATE INDEX `positions_amount_idx` ON `positions` (`amount_cents`);
--> statement-breakpoint
CREATE INDEX `positions_debtor_name_idx` ON `positions` (`debtor_name`);
--> statement-breakpoint
CREATE INDEX `positions_inserted_idx` ON `positions` (`inserted_at`);
--> statement-breakpoint
-- The covering index the full-text path joined through is no longer needed: that path now only
-- serves words with few matches.
DROP INDEX IF EXISTS `positions_order_idx`;
--> statement-breakpoint
-- The full-text index keeps what the search asks of it and nothing more: which rows and columns
-- hold a word (detail=column; no phrase or NEAR queries are made), no per-row sizes (columnsize=0;
-- no ranking), no prefix indexes (common short prefixes are answered by walking an order's index
-- instead). A third of the size on a million dues.
DROP TRIGGER IF EXISTS positions_fts_ai;
--> statement-breakpoint
DROP TRIGGER IF EXISTS positions_fts_ad;
--> statement-breakpoint
DROP TRIGGER IF EXISTS positions_fts_au;
--> statement-breakpoint
DROP TABLE IF EXISTS positions_fts;
--> statement-breakpoint
CREATE VIRTUAL TABLE positions_fts USING fts5(
  debtor_name, causale,
  content='positions', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2', detail=column, columnsize=0
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
INSERT INTO positions_fts(positions_fts) VALUES ('rebuild');
