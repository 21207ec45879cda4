CREATE TABLE `issued_iuvs` (
	`iuv` text PRIMARY KEY NOT NULL,
	`issued_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
ALTER TABLE `pos_closures` ADD `desk_channels_json` text;--> statement-breakpoint
-- Dues this cache created before IUVs were recorded: theirs are this desk's own.
INSERT OR IGNORE INTO `issued_iuvs` (`iuv`) SELECT o.`iuv` FROM `payment_options` o JOIN `positions` p ON p.`id` = o.`position_id` WHERE p.`origin` = 'local';
--> statement-breakpoint
-- Payments through the desk's own terminal carried the channel 'pos', now the name of a terminal not connected to the desk.
UPDATE `desk_payments` SET `channel` = 'pos-integrato' WHERE `channel` = 'pos' AND `note` LIKE '%operazione POS %';
