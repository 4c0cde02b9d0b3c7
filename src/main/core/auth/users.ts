import type { SessionInfo } from '../../../shared/dto';
import type { Role } from '../../../shared/roles';
import type { Sqlite } from '../db/open';

export interface UserRow {
  id: number;
  username: string;
  full_name: string;
  role: Role;
  password_hash: string;
  doctor_id: number | null;
  active: number;
  failed_logins: number;
  last_failed_at: number | null;
}

/** Prepared look-ups of staff accounts used on every call (session re-validation). */
export function userQueries(sqlite: Sqlite) {
  const byUsername = sqlite.prepare<[string], UserRow>(
    `SELECT id, username, full_name, role, password_hash, doctor_id, active, failed_logins, last_failed_at
     FROM staff_users WHERE username = ?`,
  );
  const byId = sqlite.prepare<[number], UserRow>(
    `SELECT id, username, full_name, role, password_hash, doctor_id, active, failed_logins, last_failed_at
     FROM staff_users WHERE id = ?`,
  );
  const count = sqlite.prepare<[], { n: number }>('SELECT count(*) AS n FROM staff_users');
  return {
    byUsername: (username: string) => byUsername.get(username.trim().toLowerCase()),
    byId: (id: number) => byId.get(id),
    count: () => count.get()?.n ?? 0,
  };
}

export function sessionOf(user: UserRow): SessionInfo {
  return {
    userId: user.id,
    username: user.username,
    fullName: user.full_name,
    role: user.role,
    doctorId: user.doctor_id,
  };
}
