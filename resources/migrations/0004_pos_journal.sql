CREATE TABLE `pos_journal` (
	`id` text PRIMARY KEY NOT NULL,
	`iupd` text NOT NULL,
	`nav` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`terminal_id` text NOT NULL,
	`state` text NOT NULL,
	`baseline_stan` text,
	`stan` text,
	`auth_code` text,
	`pan` text,
	`online_id` text,
	`host_time` text,
	`result_raw` text,
	`message` text,
	`operator` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `pos_journal_iupd_idx` ON `pos_journal` (`iupd`);--> statement-breakpoint
CREATE INDEX `pos_journal_state_idx` ON `pos_journal` (`state`);