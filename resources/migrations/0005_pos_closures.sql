CREATE TABLE `pos_closures` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`closed_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`terminal_id` text NOT NULL,
	`operator` text NOT NULL,
	`journal_cents` integer NOT NULL,
	`journal_count` integer NOT NULL,
	`terminal_cents` integer NOT NULL,
	`host_cents` integer NOT NULL,
	`unresolved` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `pos_journal` ADD `closure_id` integer;--> statement-breakpoint
CREATE INDEX `pos_journal_closure_idx` ON `pos_journal` (`closure_id`);