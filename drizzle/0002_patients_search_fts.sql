-- Search as you type on any word of a patient's name and on their phone number, with or without
-- the country code. A contentless FTS5 index (the text stays in `patients`) with prefix indexes,
-- kept in step with `patients` by triggers, so every write path (app, CLI, seed) maintains it.
-- `phone` holds the phone digits and the same digits without their first 1, 2 and 3 digits
-- (country codes are 1 to 3 digits long), so "7700 900123" finds "+44 7700 900123".
CREATE VIRTUAL TABLE `patients_fts` USING fts5(
  `name`,
  `phone`,
  content = '',
  contentless_delete = 1,
  prefix = '1 2 3',
  tokenize = 'unicode61 remove_diacritics 2'
);
--> statement-breakpoint
INSERT INTO `patients_fts` (rowid, `name`, `phone`)
SELECT `id`, `search_name`,
  CASE WHEN `phone_digits` IS NULL THEN '' ELSE
    `phone_digits` || ' ' || substr(`phone_digits`, 2) || ' ' || substr(`phone_digits`, 3) || ' ' || substr(`phone_digits`, 4)
  END
FROM `patients`;
--> statement-breakpoint
CREATE TRIGGER `patients_fts_after_insert` AFTER INSERT ON `patients`
BEGIN
  INSERT INTO `patients_fts` (rowid, `name`, `phone`) VALUES (
    new.`id`, new.`search_name`,
    CASE WHEN new.`phone_digits` IS NULL THEN '' ELSE
      new.`phone_digits` || ' ' || substr(new.`phone_digits`, 2) || ' ' || substr(new.`phone_digits`, 3) || ' ' || substr(new.`phone_digits`, 4)
    END);
END;
--> statement-breakpoint
CREATE TRIGGER `patients_fts_after_update` AFTER UPDATE OF `search_name`, `phone_digits` ON `patients`
BEGIN
  DELETE FROM `patients_fts` WHERE rowid = old.`id`;
  INSERT INTO `patients_fts` (rowid, `name`, `phone`) VALUES (
    new.`id`, new.`search_name`,
    CASE WHEN new.`phone_digits` IS NULL THEN '' ELSE
      new.`phone_digits` || ' ' || substr(new.`phone_digits`, 2) || ' ' || substr(new.`phone_digits`, 3) || ' ' || substr(new.`phone_digits`, 4)
    END);
END;
--> statement-breakpoint
CREATE TRIGGER `patients_fts_after_delete` AFTER DELETE ON `patients`
BEGIN
  DELETE FROM `patients_fts` WHERE rowid = old.`id`;
END;
