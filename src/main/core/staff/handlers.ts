import type { staffChannels } from '../../../shared/channels/staff';
import type { StaffSummary } from '../../../shared/dto';
import { ROLE_LABELS, type Role } from '../../../shared/roles';
import { actorOf } from '../audit/actor';
import { hashPassword } from '../auth/password';
import { isUniqueViolation } from '../db/constraint';
import { UserError } from '../errors';
import { requireSession, type DomainHandlers } from '../handler';

interface StaffRow {
  id: number;
  username: string;
  full_name: string;
  role: Role;
  doctor_id: number | null;
  active: number;
  last_login_at: number | null;
}

const toSummary = (row: StaffRow): StaffSummary => ({
  id: row.id,
  username: row.username,
  fullName: row.full_name,
  role: row.role,
  doctorId: row.doctor_id,
  active: row.active === 1,
  lastLoginAt: row.last_login_at === null ? null : new Date(row.last_login_at).toISOString(),
});

const COLUMNS = 'id, username, full_name, role, doctor_id, active, last_login_at';

export const staffHandlers: DomainHandlers<typeof staffChannels> = ({
  sqlite,
  audit,
  clock,
  logger,
  passwordCost,
}) => {
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
  const doctorById = sqlite.prepare<[number], { id: number; full_name: string; active: number }>(
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

  const existing = (id: number): StaffRow => {
    const row = byId.get(id);
    if (!row) throw new UserError('not_found', 'This staff account no longer exists. Reload the list.');
    return row;
  };

  /** The doctor a doctor account will point at: exists, active, and not someone else's. */
  const linkableDoctor = (doctorId: number, accountId: number | null): { full_name: string } => {
    const doctor = doctorById.get(doctorId);
    if (!doctor) throw new UserError('not_found', 'That doctor no longer exists. Reload and choose again.');
    const owner = accountOfDoctor.get(doctorId);
    if (owner && owner.id !== accountId) {
      throw new UserError(
        'conflict',
        `${doctor.full_name} already has an account (${owner.username}). Each doctor has one account.`,
      );
    }
    if (!doctor.active && owner?.id !== accountId) {
      throw new UserError('conflict', `${doctor.full_name} is inactive. Reactivate the doctor first.`);
    }
    return doctor;
  };

  const refuseLosingLastAdmin = (row: StaffRow, what: string): void => {
    if (row.role === 'admin' && row.active === 1 && (activeAdmins.get()?.n ?? 0) <= 1) {
      throw new UserError(
        'conflict',
        `${row.full_name} is the only active administrator, so you cannot ${what}. Make another account an administrator first.`,
      );
    }
  };

  /** A race with another window can still break a unique index; say what happened. */
  const explainConflict = (error: unknown, username: string): never => {
    if (isUniqueViolation(error, 'staff_users.username')) {
      throw new UserError('conflict', `The username "${username}" is already taken. Choose another.`);
    }
    if (isUniqueViolation(error, 'staff_users.doctor_id')) {
      throw new UserError('conflict', 'That doctor already has an account. Each doctor has one account.');
    }
    throw error;
  };

  return {
    'staff/list': () => list.all().map(toSummary),

    'staff/create': async (input, ctx) => {
      const session = requireSession(ctx);
      const hash = await hashPassword(input.password, passwordCost);
      const id = (() => {
        try {
          return sqlite
            .transaction(() => {
              if (byUsername.get(input.username)) {
                throw new UserError(
                  'conflict',
                  `The username "${input.username}" is already taken. Choose another.`,
                );
              }
              const doctor = input.doctorId === null ? null : linkableDoctor(input.doctorId, null);
              const now = clock.now().getTime();
              const newId = Number(
                insert.run(input.username, input.fullName, input.role, hash, input.doctorId, now, now, now)
                  .lastInsertRowid,
              );
              audit.record(actorOf(session), {
                action: 'create',
                entity: 'staff_user',
                entityId: newId,
                summary: `Created ${ROLE_LABELS[input.role].toLowerCase()} account ${input.username} (${input.fullName})${doctor ? ` for ${doctor.full_name}` : ''}`,
              });
              return newId;
            })
            .immediate();
        } catch (error) {
          return explainConflict(error, input.username);
        }
      })();
      logger.log('info', 'staff account created', { userId: id, role: input.role, by: session.userId });
      ctx.changed('staff_users');
      return toSummary(existing(id));
    },

    'staff/update': (input, ctx) => {
      const session = requireSession(ctx);
      try {
        sqlite
          .transaction(() => {
            const row = existing(input.id);
            if (row.role === 'admin' && input.role !== 'admin')
              refuseLosingLastAdmin(row, 'change their role');
            const doctor = input.doctorId === null ? null : linkableDoctor(input.doctorId, row.id);
            const changes: string[] = [];
            if (row.full_name !== input.fullName) changes.push(`name ${row.full_name} → ${input.fullName}`);
            if (row.role !== input.role) {
              changes.push(`role ${ROLE_LABELS[row.role]} → ${ROLE_LABELS[input.role]}`);
            }
            if (row.doctor_id !== input.doctorId) {
              changes.push(doctor ? `linked to ${doctor.full_name}` : 'no longer linked to a doctor');
            }
            if (changes.length === 0) return;
            update.run(input.fullName, input.role, input.doctorId, clock.now().getTime(), row.id);
            audit.record(actorOf(session), {
              action: 'update',
              entity: 'staff_user',
              entityId: row.id,
              summary: `Updated account ${row.username}: ${changes.join('; ')}`,
            });
            ctx.changed('staff_users');
          })
          .immediate();
      } catch (error) {
        explainConflict(error, '');
      }
      return toSummary(existing(input.id));
    },

    'staff/setActive': (input, ctx) => {
      const session = requireSession(ctx);
      sqlite
        .transaction(() => {
          const row = existing(input.id);
          if ((row.active === 1) === input.active) return;
          if (!input.active) {
            if (row.id === session.userId) {
              throw new UserError(
                'conflict',
                'You cannot deactivate your own account. Another administrator can do it.',
              );
            }
            refuseLosingLastAdmin(row, 'deactivate them');
          }
          setActive.run(input.active ? 1 : 0, clock.now().getTime(), row.id);
          audit.record(actorOf(session), {
            action: input.active ? 'reactivate' : 'deactivate',
            entity: 'staff_user',
            entityId: row.id,
            summary: `${input.active ? 'Reactivated' : 'Deactivated'} account ${row.username} (${row.full_name})`,
          });
          ctx.changed('staff_users');
        })
        .immediate();
      return toSummary(existing(input.id));
    },

    'staff/resetPassword': async (input, ctx) => {
      const session = requireSession(ctx);
      existing(input.id);
      const hash = await hashPassword(input.password, passwordCost);
      sqlite
        .transaction(() => {
          const row = existing(input.id);
          const now = clock.now().getTime();
          setPassword.run(hash, now, now, row.id);
          audit.record(actorOf(session), {
            action: 'reset_password',
            entity: 'staff_user',
            entityId: row.id,
            summary: `Set a new password for ${row.username} and cleared failed sign-ins`,
          });
        })
        .immediate();
      logger.log('info', 'staff password reset', { userId: input.id, by: session.userId });
      ctx.changed('staff_users');
      return null;
    },
  };
};
