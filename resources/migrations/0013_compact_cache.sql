-- A smaller cache (issue 13). Measured with dbstat on a million demo dues (1232 MB): transfers
-- were 177 MB and their option index 18.5 MB for what is, per due type, one account, one taxonomy
-- code and one beneficiary repeated on every row, with the option's description copied again as
-- the remittance information; positions and options carried date-times nothing ever reads.
-- Readers see the same values as before (test/integration/compact-cache.test.ts compares the due's
-- page, the GPD payload and the notice of every due before and after).
--
-- Cost on an existing cache of a million dues: about 25 s (each DROP COLUMN rewrites the table
-- once; 40 s on a busy machine). No VACUUM: it would take as long again, and a copy of the file
-- besides; the pages freed go to SQLite's free list, which new dues fill before the file grows.
-- A new cache (a first full sync, the demo) is the compact size at once.
--
-- 1. Columns written and never read: GPD's validityDate and publishDate, the position's
--    organization_fiscal_code (the ente's: every GPD call already names it) and the options'
--    last_updated_at (the position's is the one the desk shows). 24 + 24 + 11 + 24 bytes a row.
--    DROP COLUMN keeps the indexes and the FTS triggers of positions as they are (a rebuild would
--    have to repeat them), and does not fire triggers.
ALTER TABLE `positions` DROP COLUMN `validity_date`;
--> statement-breakpoint
ALTER TABLE `positions` DROP COLUMN `published_at`;
--> statement-breakpoint
ALTER TABLE `positions` DROP COLUMN `organization_fiscal_code`;
--> statement-breakpoint
ALTER TABLE `payment_options` DROP COLUMN `last_updated_at`;
--> statement-breakpoint
-- 2. Transfers. What a transfer shares with the others of its due type (taxonomy code, IBANs,
--    beneficiary, reporting status) is stored once in transfer_profiles, exactly as written: no
--    value is "resolved" from the due type or the ente later, so changing a due type's IBAN does
--    not change what existing dues say. The remittance information is stored only when it is not
--    the option's description (NULL otherwise; a trigger below keeps that true when a description
--    changes). Rows are keyed by option, WITHOUT ROWID: the key is the index the readers use
--    (every query reads the transfers of one option), so transfers_option_idx goes. `seq` keeps
--    the order they were written in and does not assume GPD's idTransfer is unique in an option.
CREATE TABLE `transfer_profiles` (
	`id` integer PRIMARY KEY NOT NULL,
	`category` text NOT NULL,
	`iban` text,
	`postal_iban` text,
	`organization_fiscal_code` text,
	`company_name` text,
	`status` text NOT NULL
);
--> statement-breakpoint
INSERT INTO `transfer_profiles` (`category`, `iban`, `postal_iban`, `organization_fiscal_code`, `company_name`, `status`)
  SELECT DISTINCT `category`, `iban`, `postal_iban`, `organization_fiscal_code`, `company_name`, `status` FROM `transfers`;
--> statement-breakpoint
CREATE INDEX `transfer_profiles_values_idx` ON `transfer_profiles` (`category`, `iban`, `postal_iban`, `organization_fiscal_code`, `company_name`, `status`);
--> statement-breakpoint
CREATE TABLE `transfer_rows` (
	`option_id` integer NOT NULL,
	`seq` integer NOT NULL,
	`id_transfer` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`profile_id` integer NOT NULL,
	`remittance_information` text,
	PRIMARY KEY (`option_id`, `seq`),
	FOREIGN KEY (`option_id`) REFERENCES `payment_options`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`profile_id`) REFERENCES `transfer_profiles`(`id`)
) WITHOUT ROWID;
--> statement-breakpoint
-- A transfer whose option is gone (possible only in a cache written with foreign keys off) was
-- unreachable already: it is not carried over, so the reference check after migrating passes.
INSERT INTO `transfer_rows` (`option_id`, `seq`, `id_transfer`, `amount_cents`, `profile_id`, `remittance_information`)
  SELECT t.`option_id`, row_number() OVER (PARTITION BY t.`option_id` ORDER BY t.`id`), t.`id_transfer`, t.`amount_cents`, p.`id`,
    CASE WHEN t.`remittance_information` = o.`description` THEN NULL ELSE t.`remittance_information` END
  FROM `transfers` t
  JOIN `payment_options` o ON o.`id` = t.`option_id`
  JOIN `transfer_profiles` p ON p.`category` = t.`category` AND p.`iban` IS t.`iban` AND p.`postal_iban` IS t.`postal_iban`
    AND p.`organization_fiscal_code` IS t.`organization_fiscal_code` AND p.`company_name` IS t.`company_name` AND p.`status` = t.`status`
  ORDER BY t.`option_id`, t.`id`;
--> statement-breakpoint
DROP TABLE `transfers`;
--> statement-breakpoint
-- `transfers` stays what every reader and writer sees (the schema's transfers table, the export,
-- the salvage of a damaged cache): a view with the same columns but the id, written through the
-- INSTEAD OF triggers below. Writers never needed the id (nothing refers to a transfer).
CREATE VIEW `transfers` AS
  SELECT t.`option_id`, t.`seq`, t.`id_transfer`, t.`amount_cents`, p.`category`,
    coalesce(t.`remittance_information`, (SELECT o.`description` FROM `payment_options` o WHERE o.`id` = t.`option_id`)) AS `remittance_information`,
    p.`iban`, p.`postal_iban`, p.`organization_fiscal_code`, p.`company_name`, p.`status`
  FROM `transfer_rows` t JOIN `transfer_profiles` p ON p.`id` = t.`profile_id`;
--> statement-breakpoint
-- The old table's constraints and default, kept: a missing remittance is refused, not read as the
-- description; a transfer written without a status is T_UNREPORTED.
CREATE TRIGGER `transfers_insert` INSTEAD OF INSERT ON `transfers` BEGIN
  SELECT RAISE(ABORT, 'NOT NULL constraint failed: transfers.remittance_information') WHERE new.`remittance_information` IS NULL;
  INSERT INTO `transfer_profiles` (`category`, `iban`, `postal_iban`, `organization_fiscal_code`, `company_name`, `status`)
    SELECT new.`category`, new.`iban`, new.`postal_iban`, new.`organization_fiscal_code`, new.`company_name`, coalesce(new.`status`, 'T_UNREPORTED')
    WHERE NOT EXISTS (
      SELECT 1 FROM `transfer_profiles` WHERE `category` = new.`category` AND `iban` IS new.`iban` AND `postal_iban` IS new.`postal_iban`
        AND `organization_fiscal_code` IS new.`organization_fiscal_code` AND `company_name` IS new.`company_name` AND `status` = coalesce(new.`status`, 'T_UNREPORTED')
    );
  INSERT INTO `transfer_rows` (`option_id`, `seq`, `id_transfer`, `amount_cents`, `profile_id`, `remittance_information`) VALUES (
    new.`option_id`,
    (SELECT coalesce(max(`seq`), 0) + 1 FROM `transfer_rows` WHERE `option_id` = new.`option_id`),
    new.`id_transfer`,
    new.`amount_cents`,
    (SELECT `id` FROM `transfer_profiles` WHERE `category` = new.`category` AND `iban` IS new.`iban` AND `postal_iban` IS new.`postal_iban`
        AND `organization_fiscal_code` IS new.`organization_fiscal_code` AND `company_name` IS new.`company_name` AND `status` = coalesce(new.`status`, 'T_UNREPORTED')),
    nullif(new.`remittance_information`, (SELECT `description` FROM `payment_options` WHERE `id` = new.`option_id`))
  );
END;
--> statement-breakpoint
CREATE TRIGGER `transfers_update` INSTEAD OF UPDATE ON `transfers` BEGIN
  SELECT RAISE(ABORT, 'NOT NULL constraint failed: transfers.remittance_information') WHERE new.`remittance_information` IS NULL;
  INSERT INTO `transfer_profiles` (`category`, `iban`, `postal_iban`, `organization_fiscal_code`, `company_name`, `status`)
    SELECT new.`category`, new.`iban`, new.`postal_iban`, new.`organization_fiscal_code`, new.`company_name`, new.`status`
    WHERE NOT EXISTS (
      SELECT 1 FROM `transfer_profiles` WHERE `category` = new.`category` AND `iban` IS new.`iban` AND `postal_iban` IS new.`postal_iban`
        AND `organization_fiscal_code` IS new.`organization_fiscal_code` AND `company_name` IS new.`company_name` AND `status` = new.`status`
    );
  UPDATE `transfer_rows` SET
    `option_id` = new.`option_id`,
    `id_transfer` = new.`id_transfer`,
    `amount_cents` = new.`amount_cents`,
    `profile_id` = (SELECT `id` FROM `transfer_profiles` WHERE `category` = new.`category` AND `iban` IS new.`iban` AND `postal_iban` IS new.`postal_iban`
        AND `organization_fiscal_code` IS new.`organization_fiscal_code` AND `company_name` IS new.`company_name` AND `status` = new.`status`),
    `remittance_information` = nullif(new.`remittance_information`, (SELECT `description` FROM `payment_options` WHERE `id` = new.`option_id`))
  WHERE `option_id` = old.`option_id` AND `seq` = old.`seq`;
END;
--> statement-breakpoint
CREATE TRIGGER `transfers_delete` INSTEAD OF DELETE ON `transfers` BEGIN
  DELETE FROM `transfer_rows` WHERE `option_id` = old.`option_id` AND `seq` = old.`seq`;
END;
--> statement-breakpoint
-- A remittance stored as "the option's description" keeps the text it had when the description
-- changes (the sync rewrites an option's transfers anyway; this holds for any other writer).
CREATE TRIGGER `payment_options_description_au` BEFORE UPDATE OF `description` ON `payment_options`
WHEN old.`description` IS NOT new.`description` BEGIN
  UPDATE `transfer_rows` SET `remittance_information` = old.`description` WHERE `option_id` = old.`id` AND `remittance_information` IS NULL;
END;
--> statement-breakpoint
-- 3. Indexes no query reads (EXPLAIN QUERY PLAN of every debtors query): the citizen search goes
--    through debtors_fts and sorts its matches with a temporary b-tree, lookups use the fiscal
--    code's unique index. These three served the LIKE search debtors_fts replaced (migration 0009).
DROP INDEX IF EXISTS `debtors_surname_idx`;
--> statement-breakpoint
DROP INDEX IF EXISTS `debtors_full_name_idx`;
--> statement-breakpoint
DROP INDEX IF EXISTS `debtors_full_name_nocase_idx`;
--> statement-breakpoint
-- 4. The ente's name and office on every position (42 bytes a row, the same two values on all of
--    them): stored once in position_issuers, exactly as written (GPD's companyName and
--    officeName, or the desk's ente when it created the due); positions keep the issuer's id.
--    Never resolved from the ente's settings: renaming the ente does not rewrite what existing
--    dues say, nor what their next update sends to GPD.
CREATE TABLE `position_issuers` (
	`id` integer PRIMARY KEY NOT NULL,
	`company_name` text NOT NULL,
	`office_name` text
);
--> statement-breakpoint
INSERT INTO `position_issuers` (`company_name`, `office_name`) SELECT DISTINCT `company_name`, `office_name` FROM `positions`;
--> statement-breakpoint
CREATE INDEX `position_issuers_values_idx` ON `position_issuers` (`company_name`, `office_name`);
--> statement-breakpoint
ALTER TABLE `positions` ADD `issuer_id` integer REFERENCES `position_issuers`(`id`);
--> statement-breakpoint
-- Only the issuer column changes: no trigger on positions fires (the FTS ones watch the name and the causale).
UPDATE `positions` SET `issuer_id` = (
  SELECT i.`id` FROM `position_issuers` i WHERE i.`company_name` = `positions`.`company_name` AND i.`office_name` IS `positions`.`office_name`
);
--> statement-breakpoint
ALTER TABLE `positions` DROP COLUMN `company_name`;
--> statement-breakpoint
ALTER TABLE `positions` DROP COLUMN `office_name`;
--> statement-breakpoint
-- 5. The position's created_at (24 bytes a row) is read only where GPD's inserted_at is missing
--    (the due's page shows inserted_at, else created_at): a due created here and not yet sent.
--    It is now written only then, by the desk and the sync, and NULL otherwise; the values a
--    reader can still see are kept. DROP and ADD: a column's NOT NULL and default cannot change
--    in place.
CREATE TEMP TABLE `positions_created_at` AS SELECT `id`, `created_at` FROM `positions` WHERE `inserted_at` IS NULL;
--> statement-breakpoint
ALTER TABLE `positions` DROP COLUMN `created_at`;
--> statement-breakpoint
ALTER TABLE `positions` ADD `created_at` text;
--> statement-breakpoint
UPDATE `positions` SET `created_at` = (SELECT c.`created_at` FROM temp.`positions_created_at` c WHERE c.`id` = `positions`.`id`)
  WHERE `id` IN (SELECT `id` FROM temp.`positions_created_at`);
--> statement-breakpoint
DROP TABLE temp.`positions_created_at`;
