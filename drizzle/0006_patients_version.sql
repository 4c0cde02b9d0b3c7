-- A counter that every change to what patient search looks at (a patient added or deleted, a
-- name, phone, number or active flag changed) moves on, from any connection (app, CLI, seed).
-- Patient search keeps every patient's name, number and active flag in name order in memory, and
-- rebuilds it when this counter has moved (src/main/core/patients/name-order.ts).
CREATE TABLE `patients_version` (
  `id` integer PRIMARY KEY NOT NULL CHECK (`id` = 1),
  `n` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `patients_version` (`id`, `n`) VALUES (1, 0);
--> statement-breakpoint
CREATE TRIGGER `patients_version_after_insert` AFTER INSERT ON `patients`
BEGIN
  UPDATE `patients_version` SET `n` = `n` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `patients_version_after_update` AFTER UPDATE OF `search_name`, `phone_digits`, `patient_number`, `active` ON `patients`
BEGIN
  UPDATE `patients_version` SET `n` = `n` + 1 WHERE `id` = 1;
END;
--> statement-breakpoint
CREATE TRIGGER `patients_version_after_delete` AFTER DELETE ON `patients`
BEGIN
  UPDATE `patients_version` SET `n` = `n` + 1 WHERE `id` = 1;
END;
