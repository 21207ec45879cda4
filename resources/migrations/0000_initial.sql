CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`operator` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_key` text NOT NULL,
	`before_json` text,
	`after_json` text,
	`reason` text,
	`prev_hash` text,
	`hash` text
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_key`);--> statement-breakpoint
CREATE TABLE `debtors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`type` text NOT NULL,
	`fiscal_code` text NOT NULL,
	`surname` text,
	`given_name` text,
	`full_name` text NOT NULL,
	`street_name` text,
	`civic_number` text,
	`postal_code` text,
	`city` text,
	`province` text,
	`country` text,
	`email` text,
	`phone` text,
	`source` text NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `debtors_fiscal_code_unique` ON `debtors` (`fiscal_code`);--> statement-breakpoint
CREATE INDEX `debtors_surname_idx` ON `debtors` (`surname`);--> statement-breakpoint
CREATE INDEX `debtors_full_name_idx` ON `debtors` (`full_name`);--> statement-breakpoint
CREATE TABLE `desk_payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`option_id` integer NOT NULL,
	`channel` text NOT NULL,
	`paid_at` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`reference` text,
	`operator` text NOT NULL,
	`note` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`option_id`) REFERENCES `payment_options`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `desk_payments_option_idx` ON `desk_payments` (`option_id`);--> statement-breakpoint
CREATE TABLE `due_types` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`label` text NOT NULL,
	`taxonomy_code` text NOT NULL,
	`iban` text,
	`postal_iban` text,
	`postal_account` text,
	`default_amount_cents` integer,
	`causale_template` text DEFAULT '' NOT NULL,
	`installments_allowed` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `due_types_code_unique` ON `due_types` (`code`);--> statement-breakpoint
CREATE TABLE `operators` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `operators_username_unique` ON `operators` (`username`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`operation` text NOT NULL,
	`iupd` text NOT NULL,
	`payload_json` text NOT NULL,
	`state` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` text,
	`last_error` text
);
--> statement-breakpoint
CREATE INDEX `outbox_state_idx` ON `outbox` (`state`,`id`);--> statement-breakpoint
CREATE TABLE `payment_options` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`position_id` integer NOT NULL,
	`iuv` text NOT NULL,
	`nav` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`description` text NOT NULL,
	`due_date` text NOT NULL,
	`retention_date` text,
	`is_partial_payment` integer NOT NULL,
	`installment_no` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'PO_UNPAID' NOT NULL,
	`payment_date` text,
	`payment_method` text,
	`psp_company` text,
	`id_receipt` text,
	`fee_cents` integer,
	`last_updated_at` text,
	FOREIGN KEY (`position_id`) REFERENCES `positions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payment_options_iuv_uq` ON `payment_options` (`iuv`);--> statement-breakpoint
CREATE UNIQUE INDEX `payment_options_nav_uq` ON `payment_options` (`nav`);--> statement-breakpoint
CREATE INDEX `payment_options_position_idx` ON `payment_options` (`position_id`);--> statement-breakpoint
CREATE TABLE `positions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`iupd` text NOT NULL,
	`organization_fiscal_code` text NOT NULL,
	`due_type_id` integer,
	`status` text NOT NULL,
	`debtor_type` text NOT NULL,
	`debtor_fiscal_code` text NOT NULL,
	`debtor_name` text NOT NULL,
	`debtor_street_name` text,
	`debtor_civic_number` text,
	`debtor_postal_code` text,
	`debtor_city` text,
	`debtor_province` text,
	`debtor_region` text,
	`debtor_country` text,
	`debtor_email` text,
	`debtor_phone` text,
	`company_name` text NOT NULL,
	`office_name` text,
	`causale` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`due_date` text NOT NULL,
	`switch_to_expired` integer DEFAULT false NOT NULL,
	`pay_stand_in` integer DEFAULT true NOT NULL,
	`validity_date` text,
	`inserted_at` text,
	`published_at` text,
	`last_updated_at` text,
	`paid_at` text,
	`origin` text NOT NULL,
	`sync_state` text DEFAULT 'synced' NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	FOREIGN KEY (`due_type_id`) REFERENCES `due_types`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `positions_iupd_unique` ON `positions` (`iupd`);--> statement-breakpoint
CREATE INDEX `positions_status_due_idx` ON `positions` (`status`,`due_date`);--> statement-breakpoint
CREATE INDEX `positions_due_idx` ON `positions` (`due_date`);--> statement-breakpoint
CREATE INDEX `positions_debtor_cf_idx` ON `positions` (`debtor_fiscal_code`);--> statement-breakpoint
CREATE INDEX `positions_type_idx` ON `positions` (`due_type_id`);--> statement-breakpoint
CREATE INDEX `positions_paid_idx` ON `positions` (`paid_at`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value_json` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_state` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `transfers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`option_id` integer NOT NULL,
	`id_transfer` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`category` text NOT NULL,
	`remittance_information` text NOT NULL,
	`iban` text,
	`postal_iban` text,
	`organization_fiscal_code` text,
	`company_name` text,
	`status` text DEFAULT 'T_UNREPORTED' NOT NULL,
	FOREIGN KEY (`option_id`) REFERENCES `payment_options`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `transfers_option_idx` ON `transfers` (`option_id`);