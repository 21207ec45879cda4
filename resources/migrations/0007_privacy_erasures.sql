CREATE TABLE `privacy_erasures` (
	`fiscal_code_hash` text PRIMARY KEY NOT NULL,
	`erased_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
