import type { StaffSummary } from '../../../shared/dto';
import type { Role } from '../../../shared/roles';
import type { DomainHandlers } from '../handler';

interface StaffRow {
  id: number;
  username: string;
  full_name: string;
  role: Role;
  doctor_id: number | null;
  active: number;
  last_login_at: number | null;
}

export const staffHandlers: DomainHandlers<'staff/list'> = ({ sqlite }) => {
  const list = sqlite.prepare<[], StaffRow>(
    `SELECT id, username, full_name, role, doctor_id, active, last_login_at
     FROM staff_users ORDER BY active DESC, role, full_name`,
  );
  return {
    'staff/list': () =>
      list.all().map((row): StaffSummary => ({
        id: row.id,
        username: row.username,
        fullName: row.full_name,
        role: row.role,
        doctorId: row.doctor_id,
        active: row.active === 1,
        lastLoginAt: row.last_login_at === null ? null : new Date(row.last_login_at).toISOString(),
      })),
  };
};
