import type { Role } from '../../../shared/roles';

/** Every screen the app knows, by the id used in the address (`#/patients`). */
export const SCREENS = {
  dashboard: { label: 'Dashboard', ready: true },
  patients: { label: 'Patients', ready: true },
  staff: { label: 'Staff', ready: true },
  doctors: { label: 'Doctors', ready: true },
  departments: { label: 'Departments', ready: true },
  audit: { label: 'Audit log', ready: true },
  settings: { label: 'Settings', ready: true },
  today: { label: 'Today', ready: true },
  calendar: { label: 'Calendar', ready: true },
  'my-day': { label: 'My day', ready: true },
  'my-reports': { label: 'My reports', ready: true },
  exports: { label: 'Exports', ready: true },
  jobs: { label: 'Jobs', ready: true },
  'follow-ups': { label: 'Follow-ups', ready: true },
} as const satisfies Record<string, { label: string; ready: boolean }>;

export type ScreenId = keyof typeof SCREENS;

/** The navbar per role, in order. The server enforces access; this only decides what is offered. */
export const NAVIGATION: Record<Role, readonly ScreenId[]> = {
  admin: [
    'dashboard',
    'patients',
    'follow-ups',
    'staff',
    'doctors',
    'departments',
    'audit',
    'settings',
    'jobs',
    'exports',
  ],
  reception: ['today', 'calendar', 'follow-ups', 'patients', 'exports'],
  doctor: ['my-day', 'follow-ups', 'patients', 'my-reports', 'exports'],
};

/** Where a role lands after signing in: the administrator on the dashboard, the front desk on Today, doctors on their own day. */
export const HOME: Record<Role, ScreenId> = {
  admin: 'dashboard',
  reception: 'today',
  doctor: 'my-day',
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
