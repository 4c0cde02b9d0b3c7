CREATE TABLE `appointments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`patient_id` integer NOT NULL,
	`doctor_id` integer NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`status` text DEFAULT 'booked' NOT NULL,
	`reason` text DEFAULT '' NOT NULL,
	`cancel_reason` text,
	`created_by` integer,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`doctor_id`) REFERENCES `doctors`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "appointments_status_check" CHECK("appointments"."status" IN ('booked', 'arrived', 'completed', 'cancelled', 'no_show')),
	CONSTRAINT "appointments_time_check" CHECK("appointments"."starts_at" < "appointments"."ends_at")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `appointments_doctor_slot_active_unique` ON `appointments` (`doctor_id`,`starts_at`) WHERE "appointments"."status" IN ('booked', 'arrived', 'completed');--> statement-breakpoint
CREATE INDEX `appointments_starts_status_idx` ON `appointments` (`starts_at`,`status`);--> statement-breakpoint
CREATE INDEX `appointments_doctor_starts_idx` ON `appointments` (`doctor_id`,`starts_at`,`status`);--> statement-breakpoint
CREATE INDEX `appointments_patient_starts_idx` ON `appointments` (`patient_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`user_id` integer,
	`username` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` text,
	`summary` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
CREATE INDEX `audit_log_user_at_idx` ON `audit_log` (`user_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_log_entity_at_idx` ON `audit_log` (`entity`,`at`);--> statement-breakpoint
CREATE TABLE `departments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `departments_name_unique` ON `departments` (lower("name"));--> statement-breakpoint
CREATE TABLE `doctor_availability` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`doctor_id` integer NOT NULL,
	`weekday` integer NOT NULL,
	`start_minute` integer NOT NULL,
	`end_minute` integer NOT NULL,
	`slot_minutes` integer NOT NULL,
	FOREIGN KEY (`doctor_id`) REFERENCES `doctors`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "doctor_availability_weekday_check" CHECK("doctor_availability"."weekday" BETWEEN 0 AND 6),
	CONSTRAINT "doctor_availability_times_check" CHECK("doctor_availability"."start_minute" >= 0 AND "doctor_availability"."end_minute" <= 1440 AND "doctor_availability"."start_minute" < "doctor_availability"."end_minute"),
	CONSTRAINT "doctor_availability_slot_check" CHECK("doctor_availability"."slot_minutes" BETWEEN 5 AND 240)
);
--> statement-breakpoint
CREATE INDEX `doctor_availability_doctor_idx` ON `doctor_availability` (`doctor_id`,`weekday`);--> statement-breakpoint
CREATE TABLE `doctor_exceptions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`doctor_id` integer NOT NULL,
	`date` text NOT NULL,
	`kind` text NOT NULL,
	`start_minute` integer NOT NULL,
	`end_minute` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`doctor_id`) REFERENCES `doctors`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "doctor_exceptions_kind_check" CHECK("doctor_exceptions"."kind" IN ('leave', 'extra')),
	CONSTRAINT "doctor_exceptions_times_check" CHECK("doctor_exceptions"."start_minute" >= 0 AND "doctor_exceptions"."end_minute" <= 1440 AND "doctor_exceptions"."start_minute" < "doctor_exceptions"."end_minute")
);
--> statement-breakpoint
CREATE INDEX `doctor_exceptions_doctor_date_idx` ON `doctor_exceptions` (`doctor_id`,`date`);--> statement-breakpoint
CREATE TABLE `doctors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`full_name` text NOT NULL,
	`department_id` integer NOT NULL,
	`qualifications` text DEFAULT '' NOT NULL,
	`email` text,
	`phone` text,
	`consultation_minutes` integer DEFAULT 20 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "doctors_consultation_minutes_check" CHECK("doctors"."consultation_minutes" BETWEEN 5 AND 240)
);
--> statement-breakpoint
CREATE INDEX `doctors_department_idx` ON `doctors` (`department_id`);--> statement-breakpoint
CREATE TABLE `email_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dedupe_key` text NOT NULL,
	`kind` text NOT NULL,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`html` text NOT NULL,
	`text` text NOT NULL,
	`attachments` text DEFAULT '[]' NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`message_id` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`sent_at` integer,
	CONSTRAINT "email_outbox_status_check" CHECK("email_outbox"."status" IN ('queued', 'sending', 'sent', 'failed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_outbox_dedupe_unique` ON `email_outbox` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `email_outbox_status_next_idx` ON `email_outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `exports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`patient_id` integer,
	`range_from` text,
	`range_to` text,
	`status` text DEFAULT 'queued' NOT NULL,
	`rows` integer DEFAULT 0 NOT NULL,
	`file_path` text,
	`error` text,
	`requested_by` integer,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "exports_kind_check" CHECK("exports"."kind" IN ('patient_history', 'range')),
	CONSTRAINT "exports_status_check" CHECK("exports"."status" IN ('queued', 'running', 'done', 'failed'))
);
--> statement-breakpoint
CREATE INDEX `exports_created_idx` ON `exports` (`created_at`);--> statement-breakpoint
CREATE TABLE `job_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`job` text NOT NULL,
	`period` text NOT NULL,
	`status` text NOT NULL,
	`started_at` integer NOT NULL,
	`finished_at` integer,
	`counts` text DEFAULT '{}' NOT NULL,
	`error` text,
	CONSTRAINT "job_runs_status_check" CHECK("job_runs"."status" IN ('running', 'succeeded', 'failed'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `job_runs_job_period_unique` ON `job_runs` (`job`,`period`);--> statement-breakpoint
CREATE INDEX `job_runs_job_started_idx` ON `job_runs` (`job`,`started_at`);--> statement-breakpoint
CREATE TABLE `monthly_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`doctor_id` integer NOT NULL,
	`month` text NOT NULL,
	`html` text NOT NULL,
	`text` text NOT NULL,
	`data` text NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`doctor_id`) REFERENCES `doctors`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `monthly_reports_doctor_month_unique` ON `monthly_reports` (`doctor_id`,`month`);--> statement-breakpoint
CREATE TABLE `patients` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`patient_number` text NOT NULL,
	`full_name` text NOT NULL,
	`search_name` text NOT NULL,
	`date_of_birth` text NOT NULL,
	`sex` text NOT NULL,
	`phone` text,
	`phone_digits` text,
	`email` text,
	`address` text DEFAULT '' NOT NULL,
	`emergency_contact` text DEFAULT '' NOT NULL,
	`notes` text DEFAULT '' NOT NULL,
	`email_reminders` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`deactivated_reason` text,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	CONSTRAINT "patients_sex_check" CHECK("patients"."sex" IN ('female', 'male', 'other', 'unknown'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `patients_number_unique` ON `patients` (`patient_number`);--> statement-breakpoint
CREATE INDEX `patients_search_name_idx` ON `patients` (`search_name`);--> statement-breakpoint
CREATE INDEX `patients_phone_digits_idx` ON `patients` (`phone_digits`);--> statement-breakpoint
CREATE INDEX `patients_dob_idx` ON `patients` (`date_of_birth`,`search_name`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `staff_users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`username` text NOT NULL,
	`full_name` text NOT NULL,
	`role` text NOT NULL,
	`password_hash` text NOT NULL,
	`doctor_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`failed_logins` integer DEFAULT 0 NOT NULL,
	`last_failed_at` integer,
	`last_login_at` integer,
	`password_changed_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`doctor_id`) REFERENCES `doctors`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "staff_users_role_check" CHECK("staff_users"."role" IN ('admin', 'reception', 'doctor')),
	CONSTRAINT "staff_users_username_lower_check" CHECK("staff_users"."username" = lower("staff_users"."username")),
	CONSTRAINT "staff_users_doctor_link_check" CHECK(("staff_users"."role" = 'doctor') = ("staff_users"."doctor_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_users_username_unique` ON `staff_users` (`username`);--> statement-breakpoint
CREATE UNIQUE INDEX `staff_users_doctor_unique` ON `staff_users` (`doctor_id`) WHERE "staff_users"."doctor_id" IS NOT NULL;--> statement-breakpoint
CREATE TABLE `treatments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`appointment_id` integer NOT NULL,
	`diagnosis` text NOT NULL,
	`treatment_notes` text DEFAULT '' NOT NULL,
	`prescription` text DEFAULT '' NOT NULL,
	`next_visit_date` text,
	`recorded_by` integer,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`updated_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`recorded_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `treatments_appointment_unique` ON `treatments` (`appointment_id`);