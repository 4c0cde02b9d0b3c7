import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliWithEnv } from '../../support/cli-process';
import type { ExportItem } from '../../../src/shared/dto/jobs';
import { readRows } from '../../support/db-read';
import { JobFixtures } from '../../support/job-fixtures';
import { tempCore, type TempCore } from '../../support/temp-core';

/** `cli call CHANNEL JSON --as USER` goes through the same role checks as the app (issue 9, item 1). */
describe('command line: the front desk cannot export a history with `call --as reception`', () => {
  let t: TempCore;
  let patient: number;
  let rangeId: number;

  const cli = (...args: string[]) =>
    cliWithEnv({ CLINIC_DESK_SMTP_URL: '' }, ...args, '--data-dir', t.dataDir);

  beforeAll(async () => {
    t = await tempCore({ demo: 'without-visits' });
    const f = new JobFixtures(t.core.dbPath);
    const [doctor] = readRows<{ doctor_id: number }>(
      t.core.dbPath,
      "SELECT doctor_id FROM staff_users WHERE username = 'dr.fernandez'",
    );
    patient = f.patient('Pat Cli', { email: 'pat@example.org', number: 'X000001' });
    const visit = f.appointment(patient, doctor!.doctor_id, '2026-01-10', '09:00', 'completed');
    f.treatment(visit, { diagnosis: 'Cli diagnosis 9913' });
    f.close();
    const range = await t.core.connectAs('admin', 'test').call('exports/startRange', {
      from: '2026-01-01',
      to: '2026-01-31',
    });
    rangeId = range.ok ? range.value.exportId : 0;
    await t.core.jobs.waitExport(rangeId);
    t.core.close();
  }, 60_000);
  afterAll(() => t.cleanup());

  it('refuses startHistory, reveal and resend; a request writes and sends nothing; the list hides files', async () => {
    const update = await cli(
      'call',
      'patients/update',
      JSON.stringify({
        id: patient,
        fullName: 'Pat Cli',
        dateOfBirth: '1980-01-01',
        sex: 'unknown',
        email: 'x@evil.example',
      }),
      '--as',
      'reception',
    );
    expect(update.code).toBe(0);
    const started = await cli(
      'call',
      'exports/startHistory',
      JSON.stringify({ patientId: patient }),
      '--as',
      'reception',
    );
    expect(started.code).toBe(1);
    expect(started.stderr.trim()).toBe(
      'clinic-desk: Front desk accounts are not allowed to do this. (forbidden)',
    );
    for (const channel of ['exports/reveal', 'exports/resend', 'exports/retry']) {
      const refused = await cli('call', channel, JSON.stringify({ id: rangeId }), '--as', 'reception');
      expect(refused.code, channel).toBe(1);
      expect(refused.stderr, channel).toMatch(/\(forbidden\)/);
    }

    const requested = await cli(
      'call',
      'exports/requestHistory',
      JSON.stringify({ patientId: patient }),
      '--as',
      'reception',
    );
    expect(requested.code).toBe(0);
    const { exportId } = JSON.parse(requested.stdout) as { exportId: number };
    expect(readdirSync(join(t.dataDir, 'exports'))).toHaveLength(1); // the admin's range export only
    expect(readRows(t.core.dbPath, 'SELECT id FROM email_outbox')).toEqual([]);

    const listed = await cli('call', 'exports/list', '{}', '--as', 'reception');
    expect(listed.code).toBe(0);
    const items = JSON.parse(listed.stdout) as ExportItem[];
    expect(items.map((i) => [i.id, i.status, i.filePath])).toEqual([[exportId, 'requested', null]]);
    expect(listed.stdout).not.toContain('Cli diagnosis');
    expect(existsSync(join(t.dataDir, 'exports', `history-X000001-${exportId}.csv`))).toBe(false);
  }, 120_000);
});
