-- The audit log only grows: an entry cannot be changed or removed, not even by the app. Each entry
-- is also chained to the previous one by its hash (sportello audit verify), so an edit made
-- outside SQLite's rules, or with these triggers dropped, still shows.
CREATE TRIGGER `audit_log_no_update` BEFORE UPDATE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'Il registro di audit non si può modificare: si possono solo aggiungere voci.');
END;
--> statement-breakpoint
CREATE TRIGGER `audit_log_no_delete` BEFORE DELETE ON `audit_log`
BEGIN
  SELECT RAISE(ABORT, 'Il registro di audit non si può modificare: si possono solo aggiungere voci.');
END;
