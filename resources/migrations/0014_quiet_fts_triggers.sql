-- The full-text indexes are rewritten only when the words they hold change (issue 13). A sync
-- writes a known citizen's record again for every position of theirs it reads (the dates of its
-- fields move on), and a position's debtor on every change GPD reports: the statements name the
-- indexed columns, so SQLite fired these triggers, a delete and an insert in the index each time,
-- with nothing changed in it.
DROP TRIGGER IF EXISTS debtors_fts_au;
--> statement-breakpoint
CREATE TRIGGER debtors_fts_au AFTER UPDATE OF full_name, fiscal_code ON debtors
WHEN old.full_name IS NOT new.full_name OR old.fiscal_code IS NOT new.fiscal_code BEGIN
  INSERT INTO debtors_fts(debtors_fts, rowid, full_name, fiscal_code) VALUES ('delete', old.id, old.full_name, old.fiscal_code);
  INSERT INTO debtors_fts(rowid, full_name, fiscal_code) VALUES (new.id, new.full_name, new.fiscal_code);
END;
--> statement-breakpoint
DROP TRIGGER IF EXISTS positions_fts_au;
--> statement-breakpoint
CREATE TRIGGER positions_fts_au AFTER UPDATE OF debtor_name, causale ON positions
WHEN old.debtor_name IS NOT new.debtor_name OR old.causale IS NOT new.causale BEGIN
  INSERT INTO positions_fts(positions_fts, rowid, debtor_name, causale) VALUES ('delete', old.id, old.debtor_name, old.causale);
  INSERT INTO positions_fts(rowid, debtor_name, causale) VALUES (new.id, new.debtor_name, new.causale);
END;
