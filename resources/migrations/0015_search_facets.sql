-- Filters inside the full-text index (issue 13): a word together with a status, a due type or a
-- due month ("rossi" among TARI "Da pagare") is answered by the index intersecting their lists,
-- where SQLite had to read every row of the word or of the filter, tens of thousands of them.
-- Each position has three filter tokens beside its words: s + its status folded to letters
-- (svalid, spartiallypaid), t + its due type's id (t3, t0 for none), m + its due month
-- (m202603). They are what positions_search computes, the one place that says how; dues/search-
-- facets.ts writes the queries, and the search-plan test compares every plan with plain SQL.
-- Word queries name their columns ({debtor_name causale}), so a word never matches a token.
CREATE VIEW positions_search AS
SELECT id, debtor_name, causale,
  's' || lower(replace(status, '_', '')) || ' t' || coalesce(due_type_id, 0) || ' m' || substr(due_date, 1, 4) || substr(due_date, 6, 2) AS search_facets
FROM positions;
--> statement-breakpoint
DROP TRIGGER IF EXISTS positions_fts_ai;
--> statement-breakpoint
DROP TRIGGER IF EXISTS positions_fts_ad;
--> statement-breakpoint
DROP TRIGGER IF EXISTS positions_fts_au;
--> statement-breakpoint
DROP TABLE IF EXISTS positions_fts;
--> statement-breakpoint
CREATE VIRTUAL TABLE positions_fts USING fts5(
  debtor_name, causale, search_facets,
  content='positions_search', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2', detail=column, columnsize=0
);
--> statement-breakpoint
-- The index entries are read from positions_search while the row is there: after an insert,
-- before a delete, before and after an update that changes what the index holds.
CREATE TRIGGER positions_fts_ai AFTER INSERT ON positions BEGIN
  INSERT INTO positions_fts(rowid, debtor_name, causale, search_facets)
    SELECT id, debtor_name, causale, search_facets FROM positions_search WHERE id = new.id;
END;
--> statement-breakpoint
CREATE TRIGGER positions_fts_bd BEFORE DELETE ON positions BEGIN
  INSERT INTO positions_fts(positions_fts, rowid, debtor_name, causale, search_facets)
    SELECT 'delete', id, debtor_name, causale, search_facets FROM positions_search WHERE id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER positions_fts_bu BEFORE UPDATE OF debtor_name, causale, status, due_type_id, due_date ON positions
WHEN old.debtor_name IS NOT new.debtor_name OR old.causale IS NOT new.causale OR old.status IS NOT new.status
  OR old.due_type_id IS NOT new.due_type_id OR old.due_date IS NOT new.due_date BEGIN
  INSERT INTO positions_fts(positions_fts, rowid, debtor_name, causale, search_facets)
    SELECT 'delete', id, debtor_name, causale, search_facets FROM positions_search WHERE id = old.id;
END;
--> statement-breakpoint
CREATE TRIGGER positions_fts_au AFTER UPDATE OF debtor_name, causale, status, due_type_id, due_date ON positions
WHEN old.debtor_name IS NOT new.debtor_name OR old.causale IS NOT new.causale OR old.status IS NOT new.status
  OR old.due_type_id IS NOT new.due_type_id OR old.due_date IS NOT new.due_date BEGIN
  INSERT INTO positions_fts(rowid, debtor_name, causale, search_facets)
    SELECT id, debtor_name, causale, search_facets FROM positions_search WHERE id = new.id;
END;
--> statement-breakpoint
INSERT INTO positions_fts(positions_fts) VALUES ('rebuild');
