import { describe, expect, it } from 'vitest';
import { HOME, NAVIGATION, SCREENS, resolveScreen } from '../../../src/renderer/src/app/navigation';
import { channels } from '../../../src/shared/contract';
import { ROLES } from '../../../src/shared/roles';

describe('navigation', () => {
  it('offers each role its own menu', () => {
    const labels = (role: keyof typeof NAVIGATION) => NAVIGATION[role].map((id) => SCREENS[id].label);
    expect(labels('admin')).toEqual([
      'Dashboard',
      'Patients',
      'Follow-ups',
      'Staff',
      'Doctors',
      'Departments',
      'Audit log',
      'Settings',
      'Jobs',
      'Exports',
    ]);
    expect(labels('reception')).toEqual(['Today', 'Calendar', 'Follow-ups', 'Patients', 'Exports']);
    expect(labels('doctor')).toEqual(['My day', 'Follow-ups', 'Patients', 'My reports', 'Exports']);
  });

  it('offers Follow-ups to every role that may list them, and to no other', () => {
    // The server's access list decides; the menu must not hide a screen a role may use.
    for (const role of ROLES) {
      expect(NAVIGATION[role].includes('follow-ups'), role).toBe(
        (channels['followUps/list'].access as readonly string[]).includes(role),
      );
    }
    expect(resolveScreen('#/follow-ups', 'admin')).toBe('follow-ups');
  });

  it("lands every role on a screen in that role's menu", () => {
    for (const role of ROLES) expect(NAVIGATION[role]).toContain(HOME[role]);
  });

  it('follows the address when the role may see the screen', () => {
    expect(resolveScreen('#/calendar', 'reception')).toBe('calendar');
    expect(resolveScreen('#/patients?query=x', 'doctor')).toBe('patients');
  });

  it('falls back to home for unknown or forbidden screens', () => {
    expect(resolveScreen('', 'reception')).toBe(HOME.reception);
    expect(resolveScreen('#/no-such-screen', 'admin')).toBe(HOME.admin);
    expect(resolveScreen('#/audit', 'reception')).toBe(HOME.reception);
  });
});
