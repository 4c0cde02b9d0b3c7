import type { StaffSummary } from '../../../shared/dto';
import type { Role } from '../../../shared/roles';
import type { Sqlite } from '../db/open';
import { UserError } from '../errors';

/** One staff account as the list query reads it. */
export interface StaffRow {
  id: number;
  username: string;
  full_name: string;
  role: Role;
  doctor_id: number | null;
  active: number;
  last_login_at: number | null;
}

export interface LinkedDoctor {
  id: number;
  full_name: string;
  active: number;
}

export const toSummary = (row: StaffRow): StaffSummary => ({
  id: row.id,
  username: row.username,
  fullName: row.full_name,
  role: row.role,
  doctorId: row.doctor_id,
  active: row.active === 1,
  lastLoginAt: row.last_login_at === null ? null : new Date(row.last_login_at).toISOString(),
});

const COLUMNS = 'id, username, full_name, role, doctor_id, active, last_login_at';

/** The staff_users table's prepared statements, named for what they read or write. */
export function staffStore(sqlite: Sqlite) {
  const list = sqlite.prepare<[], StaffRow>(
    `SELECT ${COLUMNS} FROM staff_users ORDER BY active DESC, role, full_name`,
  );
  const byId = sqlite.prepare<[number], StaffRow>(`SELECT ${COLUMNS} FROM staff_users WHERE id = ?`);
  const byUsername = sqlite.prepare<[string], { id: number }>(
    'SELECT id FROM staff_users WHERE username = ?',
  );
  const activeAdmins = sqlite.prepare<[], { n: number }>(
    "SELECT count(*) AS n FROM staff_users WHERE role = 'admin' AND active = 1",
  );
  const doctorById = sqlite.prepare<[number], LinkedDoctor>(
    'SELECT id, full_name, active FROM doctors WHERE id = ?',
  );
  const accountOfDoctor = sqlite.prepare<[number], { id: number; username: string }>(
    'SELECT id, username FROM staff_users WHERE doctor_id = ?',
  );
  const insert = sqlite.prepare(
    `INSERT INTO staff_users (username, full_name, role, password_hash, doctor_id, password_changed_at,
       created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const update = sqlite.prepare(
    'UPDATE staff_users SET full_name = ?, role = ?, doctor_id = ?, updated_at = ? WHERE id = ?',
  );
  const setActive = sqlite.prepare('UPDATE staff_users SET active = ?, updated_at = ? WHERE id = ?');
  const setPassword = sqlite.prepare(
    `UPDATE staff_users SET password_hash = ?, password_changed_at = ?, failed_logins = 0,
       last_failed_at = NULL, updated_at = ? WHERE id = ?`,
  );

  return {
    list: (): StaffRow[] => list.all(),

    /** The account, or a clear sentence when another window removed it. */
    require(id: number): StaffRow {
      const row = byId.get(id);
      if (!row) throw new UserError('not_found', 'This staff account no longer exists. Reload the list.');
      return row;
    },

    usernameTaken: (username: string): boolean => byUsername.get(username) !== undefined,

    activeAdmins: (): number => activeAdmins.get()?.n ?? 0,

    doctor: (id: number): LinkedDoctor | undefined => doctorById.get(id),

    accountOfDoctor: (doctorId: number): { id: number; username: string } | undefined =>
      accountOfDoctor.get(doctorId),

    insert: (
      account: { username: string; fullName: string; role: Role; doctorId: number | null },
      passwordHash: string,
      now: number,
    ): number =>
      Number(
        insert.run(
          account.username,
          account.fullName,
          account.role,
          passwordHash,
          account.doctorId,
          now,
          now,
          now,
        ).lastInsertRowid,
      ),

    update(
      id: number,
      account: { fullName: string; role: Role; doctorId: number | null },
      now: number,
    ): void {
      update.run(account.fullName, account.role, account.doctorId, now, id);
    },

    setActive(id: number, active: boolean, now: number): void {
      setActive.run(active ? 1 : 0, now, id);
    },

    /** A new password also clears the failed sign-ins that may have locked the account. */
    setPassword(id: number, passwordHash: string, now: number): void {
      setPassword.run(passwordHash, now, now, id);
    },
  };
}

export type StaffStore = ReturnType<typeof staffStore>;
