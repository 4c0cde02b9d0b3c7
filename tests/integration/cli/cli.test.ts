import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../src/shared/contract';
import { snapshotDatabase, tempDir } from '../../support/temp-core';
import { cli } from '../../support/cli-process';

describe('command line', () => {
  const dataDir = tempDir('clinic-desk-cli-');
  beforeAll(async () => {
    const seeded = await cli('seed', '--demo', '--data-dir', dataDir, '--json');
    expect(seeded.code).toBe(0);
    expect(JSON.parse(seeded.stdout)).toMatchObject({ patients: 400, doctors: 8 });
  }, 120_000);

  it('lists every contract channel with its JSON schema and roles', async () => {
    const { code, stdout } = await cli('channels', '--json');
    expect(code).toBe(0);
    const catalog = JSON.parse(stdout) as { name: string; roles: unknown; input: { type: string } }[];
    expect(catalog.map((c) => c.name)).toEqual(CHANNEL_NAMES);
    const list = catalog.find((c) => c.name === 'patients/list');
    expect(list).toMatchObject({ roles: ['admin', 'reception', 'doctor'], input: { type: 'object' } });
    expect(catalog.find((c) => c.name === 'auth/login')?.roles).toBe('public');
  });

  it('calls a channel as a staff member, through the same role checks', async () => {
    const ok = await cli(
      'call',
      'patients/list',
      '{"query":"P000001"}',
      '--as',
      'reception',
      '--data-dir',
      dataDir,
    );
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ total: 1, items: [{ patientNumber: 'P000001' }] });
    const refused = await cli('call', 'staff/list', '{}', '--as', 'reception', '--data-dir', dataDir);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(
      'clinic-desk: Front desk accounts are not allowed to do this. (forbidden)',
    );
  });

  it('refuses an invalid payload with one readable line, exit 1, and writes nothing', async () => {
    const before = snapshotDatabase(join(dataDir, 'clinic.db'));
    const bad = await cli(
      'call',
      'patients/list',
      '{"limit":"lots"}',
      '--as',
      'admin',
      '--data-dir',
      dataDir,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/^clinic-desk: .*limit.*\(invalid_input\)/);
    const notJson = await cli('call', 'patients/list', '{oops', '--as', 'admin', '--data-dir', dataDir);
    expect(notJson).toMatchObject({ code: 1, stderr: 'clinic-desk: The input is not valid JSON.\n' });
    expect(snapshotDatabase(join(dataDir, 'clinic.db'))).toBe(before);
  });

  it('checks the database and refuses to seed over an existing clinic', async () => {
    const check = await cli('db', 'check', '--data-dir', dataDir, '--json');
    expect(check.code).toBe(0);
    expect(JSON.parse(check.stdout)).toMatchObject({ healthy: true, integrity: 'ok', pending: [] });
    const again = await cli('seed', '--demo', '--data-dir', dataDir);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already holds a clinic/);
    const unknown = await cli('frobnicate');
    expect(unknown).toMatchObject({ code: 1 });
    expect(unknown.stderr).toMatch(/Unknown command "frobnicate"/);
  });
});
