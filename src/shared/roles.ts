/** The three kinds of people who use Clinic Desk. Enforced in main; the renderer only hides. */
export const ROLES = ['admin', 'reception', 'doctor'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  reception: 'Front desk',
  doctor: 'Doctor',
};
