-- Placeholder until this migration's tables are written (issue 12); a no-op write.
UPDATE `sync_state` SET `key` = `key` WHERE 0;
