-- Numbered receipts for every payment taken at the desk: yearly, per desk, never repeated.
CREATE TABLE `receipts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`year` integer NOT NULL,
	`desk_number` integer NOT NULL,
	`number` integer NOT NULL,
	`desk_payment_id` integer NOT NULL REFERENCES `desk_payments`(`id`),
	`issued_at` text NOT NULL,
	`operator` text NOT NULL,
	`reprints` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `receipts_number_idx` ON `receipts` (`year`, `desk_number`, `number`);
--> statement-breakpoint
CREATE UNIQUE INDEX `receipts_payment_idx` ON `receipts` (`desk_payment_id`);
--> statement-breakpoint
-- A number that was reserved but never given to a payment (a crash, a restored backup): recorded, with why.
CREATE TABLE `receipt_skips` (
	`year` integer NOT NULL,
	`desk_number` integer NOT NULL,
	`number` integer NOT NULL,
	`reason` text NOT NULL,
	`recorded_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	PRIMARY KEY(`year`, `desk_number`, `number`)
);
--> statement-breakpoint
-- The desk's name as it was when the receipt was issued: a copy says what the original said.
ALTER TABLE `receipts` ADD `desk_name` text DEFAULT '' NOT NULL;
--> statement-breakpoint
-- When the original was first printed or downloaded: every later output is a copy ("copia"), counted in `reprints`.
ALTER TABLE `receipts` ADD `printed_at` text;
