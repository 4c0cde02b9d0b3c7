CREATE TABLE `follow_ups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`patient_id` integer NOT NULL,
	`doctor_id` integer NOT NULL,
	`treatment_id` integer NOT NULL,
	`due_date` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`appointment_id` integer,
	`closed_at` integer,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`doctor_id`) REFERENCES `doctors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`treatment_id`) REFERENCES `treatments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "follow_ups_status_check" CHECK("follow_ups"."status" IN ('open', 'booked', 'not_needed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `follow_ups_treatment_unique` ON `follow_ups` (`treatment_id`);--> statement-breakpoint
CREATE INDEX `follow_ups_status_due_idx` ON `follow_ups` (`status`,`due_date`);--> statement-breakpoint
CREATE INDEX `follow_ups_patient_doctor_idx` ON `follow_ups` (`patient_id`,`doctor_id`,`status`);--> statement-breakpoint
CREATE INDEX `follow_ups_appointment_idx` ON `follow_ups` (`appointment_id`);--> statement-breakpoint
ALTER TABLE `patients` ADD `external_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `patients_external_id_unique` ON `patients` (`external_id`) WHERE "patients"."external_id" IS NOT NULL;--> statement-breakpoint
-- A treatment with a next-visit date opens a follow-up for that patient and doctor, unless the
-- patient already holds a later active appointment with the doctor (then it is booked already).
CREATE TRIGGER `follow_ups_open_on_treatment` AFTER INSERT ON `treatments`
WHEN NEW.`next_visit_date` IS NOT NULL
BEGIN
  INSERT INTO `follow_ups` (`patient_id`, `doctor_id`, `treatment_id`, `due_date`, `status`, `appointment_id`, `closed_at`, `created_at`)
  SELECT a.`patient_id`, a.`doctor_id`, NEW.`id`, NEW.`next_visit_date`,
    CASE WHEN later.`id` IS NULL THEN 'open' ELSE 'booked' END, later.`id`,
    CASE WHEN later.`id` IS NULL THEN NULL ELSE NEW.`created_at` END, NEW.`created_at`
  FROM `appointments` a
  LEFT JOIN `appointments` later ON later.`id` = (
    SELECT l.`id` FROM `appointments` l
    WHERE l.`patient_id` = a.`patient_id` AND l.`doctor_id` = a.`doctor_id` AND l.`starts_at` > a.`starts_at`
      AND l.`status` IN ('booked', 'arrived', 'completed')
    ORDER BY l.`starts_at` LIMIT 1)
  WHERE a.`id` = NEW.`appointment_id`;
END;
--> statement-breakpoint
-- The doctor changes or clears the next-visit date: an open follow-up moves or is closed.
CREATE TRIGGER `follow_ups_follow_next_visit` AFTER UPDATE OF `next_visit_date` ON `treatments`
BEGIN
  UPDATE `follow_ups` SET `due_date` = NEW.`next_visit_date`, `status` = 'open', `closed_at` = NULL
    WHERE `treatment_id` = NEW.`id` AND `status` <> 'booked' AND NEW.`next_visit_date` IS NOT NULL;
  UPDATE `follow_ups` SET `status` = 'not_needed', `closed_at` = NEW.`updated_at`
    WHERE `treatment_id` = NEW.`id` AND `status` = 'open' AND NEW.`next_visit_date` IS NULL;
  INSERT INTO `follow_ups` (`patient_id`, `doctor_id`, `treatment_id`, `due_date`, `status`, `created_at`)
  SELECT a.`patient_id`, a.`doctor_id`, NEW.`id`, NEW.`next_visit_date`, 'open', NEW.`updated_at`
  FROM `appointments` a
  WHERE a.`id` = NEW.`appointment_id` AND NEW.`next_visit_date` IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM `follow_ups` f WHERE f.`treatment_id` = NEW.`id`);
END;
--> statement-breakpoint
-- Booking the patient with that doctor closes the open follow-ups as booked.
CREATE TRIGGER `follow_ups_close_on_booking` AFTER INSERT ON `appointments`
WHEN NEW.`status` = 'booked'
BEGIN
  UPDATE `follow_ups` SET `status` = 'booked', `appointment_id` = NEW.`id`, `closed_at` = NEW.`created_at`
    WHERE `patient_id` = NEW.`patient_id` AND `doctor_id` = NEW.`doctor_id` AND `status` = 'open';
END;
--> statement-breakpoint
-- A follow-up's booking cancelled or missed: the follow-up is open again, never lost.
CREATE TRIGGER `follow_ups_reopen_on_cancel` AFTER UPDATE OF `status` ON `appointments`
WHEN NEW.`status` IN ('cancelled', 'no_show') AND OLD.`status` IN ('booked', 'arrived')
BEGIN
  UPDATE `follow_ups` SET `status` = 'open', `appointment_id` = NULL, `closed_at` = NULL
    WHERE `appointment_id` = NEW.`id` AND `status` = 'booked';
END;
--> statement-breakpoint
-- Existing next-visit dates become follow-ups (booked when a later visit with the doctor exists).
INSERT INTO `follow_ups` (`patient_id`, `doctor_id`, `treatment_id`, `due_date`, `status`, `appointment_id`, `closed_at`, `created_at`)
SELECT a.`patient_id`, a.`doctor_id`, t.`id`, t.`next_visit_date`,
  CASE WHEN later.`id` IS NULL THEN 'open' ELSE 'booked' END, later.`id`,
  CASE WHEN later.`id` IS NULL THEN NULL ELSE t.`created_at` END, t.`created_at`
FROM `treatments` t
JOIN `appointments` a ON a.`id` = t.`appointment_id`
LEFT JOIN `appointments` later ON later.`id` = (
  SELECT l.`id` FROM `appointments` l
  WHERE l.`patient_id` = a.`patient_id` AND l.`doctor_id` = a.`doctor_id` AND l.`starts_at` > a.`starts_at`
    AND l.`status` IN ('booked', 'arrived', 'completed')
  ORDER BY l.`starts_at` LIMIT 1)
WHERE t.`next_visit_date` IS NOT NULL;
