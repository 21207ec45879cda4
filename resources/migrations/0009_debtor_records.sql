-- Known citizens (issue 12): each field of a debtor keeps the date of the value it holds, so a
-- newer source (GPD's data date for synced dues, now for the registry and the desk) replaces it
-- and an older one does not. A record written before this version dates its fields at its
-- updated_at. `{ "email": "2026-11-30T09:12:00.000Z", … }`; a field without a date is older
-- than any source.
ALTER TABLE `debtors` ADD `field_dates_json` text DEFAULT '{}' NOT NULL;
--> statement-breakpoint
UPDATE `debtors` SET `field_dates_json` = (
  SELECT coalesce(json_group_object(f.name, debtors.updated_at), '{}') FROM (
    SELECT 'fullName' AS name WHERE debtors.full_name IS NOT NULL
    UNION ALL SELECT 'streetName' WHERE debtors.street_name IS NOT NULL
    UNION ALL SELECT 'civicNumber' WHERE debtors.civic_number IS NOT NULL
    UNION ALL SELECT 'postalCode' WHERE debtors.postal_code IS NOT NULL
    UNION ALL SELECT 'city' WHERE debtors.city IS NOT NULL
    UNION ALL SELECT 'province' WHERE debtors.province IS NOT NULL
    UNION ALL SELECT 'country' WHERE debtors.country IS NOT NULL
    UNION ALL SELECT 'email' WHERE debtors.email IS NOT NULL
    UNION ALL SELECT 'phone' WHERE debtors.phone IS NOT NULL
  ) AS f
);
--> statement-breakpoint
-- The wizard's debtor search: any words of the name in any order, as prefixes ("russ fil"), and
-- the fiscal code or partita IVA (full or a prefix), with the tokenizer Cerca dovuti uses.
CREATE VIRTUAL TABLE debtors_fts USING fts5(
  full_name, fiscal_code,
  content='debtors', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2', prefix='2 3'
);
--> statement-breakpoint
CREATE TRIGGER debtors_fts_ai AFTER INSERT ON debtors BEGIN
  INSERT INTO debtors_fts(rowid, full_name, fiscal_code) VALUES (new.id, new.full_name, new.fiscal_code);
END;
--> statement-breakpoint
CREATE TRIGGER debtors_fts_ad AFTER DELETE ON debtors BEGIN
  INSERT INTO debtors_fts(debtors_fts, rowid, full_name, fiscal_code) VALUES ('delete', old.id, old.full_name, old.fiscal_code);
END;
--> statement-breakpoint
CREATE TRIGGER debtors_fts_au AFTER UPDATE OF full_name, fiscal_code ON debtors BEGIN
  INSERT INTO debtors_fts(debtors_fts, rowid, full_name, fiscal_code) VALUES ('delete', old.id, old.full_name, old.fiscal_code);
  INSERT INTO debtors_fts(rowid, full_name, fiscal_code) VALUES (new.id, new.full_name, new.fiscal_code);
END;
--> statement-breakpoint
-- The citizens the cache already knows: index them.
INSERT INTO debtors_fts(debtors_fts) VALUES ('rebuild');
