PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_exports` (
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
	`decided_by` integer,
	`decided_at` integer,
	`refusal_reason` text,
	`email_to` text,
	`email_change_confirmed` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (CAST(unixepoch('subsec') * 1000 AS INTEGER)) NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "exports_kind_check" CHECK("__new_exports"."kind" IN ('patient_history', 'range')),
	CONSTRAINT "exports_status_check" CHECK("__new_exports"."status" IN ('requested', 'refused', 'queued', 'running', 'done', 'failed'))
);
--> statement-breakpoint
INSERT INTO `__new_exports`("id", "kind", "patient_id", "range_from", "range_to", "status", "rows", "file_path", "error", "requested_by", "created_at", "finished_at") SELECT "id", "kind", "patient_id", "range_from", "range_to", "status", "rows", "file_path", "error", "requested_by", "created_at", "finished_at" FROM `exports`;--> statement-breakpoint
DROP TABLE `exports`;--> statement-breakpoint
ALTER TABLE `__new_exports` RENAME TO `exports`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `exports_created_idx` ON `exports` (`created_at`);--> statement-breakpoint
ALTER TABLE `patients` ADD `email_changed_at` integer;