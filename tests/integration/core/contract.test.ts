import { afterEach, describe, expect, it } from 'vitest';
import { channels, CHANNEL_NAMES, type ChannelName } from '../../../src/shared/contract';
import { ROLES, type Role } from '../../../src/shared/roles';
import { snapshotDatabase, tempCore, type TempCore } from '../../support/temp-core';

const demoUser: Record<Role, string> = { admin: 'admin', reception: 'reception', doctor: 'dr.fernandez' };

/** A valid input for each channel: the role table below must not fail on validation. */
const sampleInput: Record<ChannelName, unknown> = {
  'auth/setupStatus': {},
  'auth/setup': { fullName: 'X Y', username: 'xyz', password: 'long enough pw' },
  'auth/login': { username: 'nobody', password: 'whatever pw' },
  'auth/logout': {},
  'auth/session': {},
  'patients/list': { query: '' },
  'staff/list': {},
  'stats/dashboard': {},
  'stats/doctor': {},
};

describe('contract dispatch', () => {
  let t: TempCore | undefined;
  afterEach(() => t?.cleanup());

  it('answers a name outside the contract with unknown_channel', async () => {
    t = await tempCore({ demo: true });
    const window = t.core.connectAs('admin', 'test');
    for (const name of ['patients/drop', '__proto__', 'constructor', 42, null]) {
      expect(await window.callUnknown(name, {})).toMatchObject({
        ok: false,
        error: { code: 'unknown_channel' },
      });
    }
  });

  it('lets exactly the allowed roles through every channel, and refuses the signed-out', async () => {
    t = await tempCore({ demo: true });
    for (const name of CHANNEL_NAMES) {
      const access = channels[name].access;
      const signedOut = await t.core.connect('test').callUnknown(name, sampleInput[name]);
      if (access === 'public') {
        expect(
          signedOut.ok === false && ['unauthenticated', 'forbidden'].includes(signedOut.error.code),
        ).toBe(false);
      } else {
        expect(signedOut, name).toMatchObject({ ok: false, error: { code: 'unauthenticated' } });
      }
      for (const role of ROLES) {
        const result = await t.core.connectAs(demoUser[role], 'test').callUnknown(name, sampleInput[name]);
        const allowed = access === 'public' || access === 'signed-in' || access.includes(role);
        const refused = !result.ok && ['unauthenticated', 'forbidden'].includes(result.error.code);
        expect(refused, `${name} as ${role}`).toBe(!allowed);
      }
    }
  });

  it('refuses the front desk the staff list with a sentence', async () => {
    t = await tempCore({ demo: true });
    const result = await t.core.connectAs('reception', 'test').call('staff/list', {});
    expect(result).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'Front desk accounts are not allowed to do this.' },
    });
  });

  it('rejects malformed input before any handler runs, and the database is unchanged', async () => {
    t = await tempCore({ demo: true });
    const before = snapshotDatabase(t.core.dbPath);
    const window = t.core.connectAs('reception', 'test');
    const bad: unknown[] = [
      { limit: 'ten' },
      { limit: 0 },
      { limit: 1000 },
      { query: 'x'.repeat(101) },
      { offset: -1 },
      { surprise: true },
      'a string',
      [1, 2],
    ];
    for (const input of bad) {
      const result = await window.callUnknown('patients/list', input);
      expect(result, JSON.stringify(input)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      if (!result.ok) expect(result.error.message).not.toMatch(/at .*\.ts:\d+/);
    }
    expect(snapshotDatabase(t.core.dbPath)).toBe(before);
  });
});
