-- The cash closing of the desk's day ("Chiusura di cassa"): what was collected per channel, operator
-- and due type, the cash counted against the cash expected, and the last desk payment it covers
-- (later payments belong to the next closing). A closing is a record, never edited or removed.
CREATE TABLE `till_closings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`day` text NOT NULL,
	`desk_number` integer,
	`operator` text NOT NULL,
	`closed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`last_payment_id` integer NOT NULL,
	`last_pos_closure_id` integer NOT NULL,
	`payments_count` integer NOT NULL,
	`total_cents` integer NOT NULL,
	`float_cents` integer NOT NULL,
	`expected_cash_cents` integer NOT NULL,
	`counted_cents` integer NOT NULL,
	`difference_cents` integer NOT NULL,
	`note` text,
	`totals_json` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `till_closings_day_idx` ON `till_closings` (`day`);
--> statement-breakpoint
CREATE TRIGGER `till_closings_no_update` BEFORE UPDATE ON `till_closings`
BEGIN
  SELECT RAISE(ABORT, 'Una chiusura di cassa non si può modificare né cancellare.');
END;
--> statement-breakpoint
CREATE TRIGGER `till_closings_no_delete` BEFORE DELETE ON `till_closings`
BEGIN
  SELECT RAISE(ABORT, 'Una chiusura di cassa non si può modificare né cancellare.');
END;
