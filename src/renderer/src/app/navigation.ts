import type { Role } from '../../../shared/roles';

/** Every screen the app knows, by the id used in the address (`#/patients`). */
export const SCREENS = {
  dashboard: { label: 'Dashboard', ready: true },
  patients: { label: 'Patients', ready: true },
  staff: { label: 'Staff', ready: false },
  doctors: { label: 'Doctors', ready: false },
  departments: { label: 'Departments', ready: false },
  audit: { label: 'Audit log', ready: false },
  settings: { label: 'Settings', ready: false },
  today: { label: 'Today', ready: false },
  calendar: { label: 'Calendar', ready: false },
  'my-day': { label: 'My day', ready: false },
  'my-reports': { label: 'My reports', ready: false },
} as const satisfies Record<string, { label: string; ready: boolean }>;

export type ScreenId = keyof typeof SCREENS;

/** The navbar per role, in order. The server enforces access; this only decides what is offered. */
export const NAVIGATION: Record<Role, readonly ScreenId[]> = {
  admin: ['dashboard', 'patients', 'staff', 'doctors', 'departments', 'audit', 'settings'],
  reception: ['today', 'calendar', 'patients'],
  doctor: ['my-day', 'patients', 'my-reports'],
};

/**
 * Where a role lands after signing in: the administrator on the dashboard; the others on Patients
 * until their own first screens (Today, My day) are finished.
 */
export const HOME: Record<Role, ScreenId> = {
  admin: 'dashboard',
  reception: 'patients',
  doctor: 'patients',
};

export function isScreenId(value: string): value is ScreenId {
  return Object.prototype.hasOwnProperty.call(SCREENS, value);
}

/** The screen to show for an address, falling back to home when the role may not see it. */
export function resolveScreen(hash: string, role: Role): ScreenId {
  const id = hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
  return isScreenId(id) && NAVIGATION[role].includes(id) ? id : HOME[role];
}

export const screenHref = (id: ScreenId): string => `#/${id}`;
