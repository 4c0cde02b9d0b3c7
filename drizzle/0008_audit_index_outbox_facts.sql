DROP INDEX `audit_log_at_idx`;--> statement-breakpoint
DROP INDEX `audit_log_user_at_idx`;--> statement-breakpoint
DROP INDEX `audit_log_entity_at_idx`;--> statement-breakpoint
CREATE INDEX `audit_log_at_user_entity_idx` ON `audit_log` (`at`,`user_id`,`entity`);--> statement-breakpoint
ALTER TABLE `email_outbox` ADD `facts` text;