import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../../../src/shared/result';
import { CLINIC_NOW, freeSlotsOf, registerPatient } from '../../support/clinic';
import { nodeChild } from '../../support/node-child';
import { fixedClock, tempCore, type TempCore } from '../../support/temp-core';

const run = promisify(execFile);
const child = 'tests/integration/clinic/support/book-once.ts';

describe('two processes booking the same slot at once', () => {
  let t: TempCore;
  beforeAll(async () => {
    t = await tempCore({ demo: true, clock: fixedClock(CLINIC_NOW) });
  });
  afterAll(() => t.cleanup());

  it('lets exactly one succeed; the other is told the slot was just taken', async () => {
    const desk = t.core.connectAs('reception', 'test');
    const a = await registerPatient(desk, { fullName: 'Race Alpha', phone: '+44 7700 200001' });
    const b = await registerPatient(desk, { fullName: 'Race Beta', phone: '+44 7700 200002' });
    const slot = (await freeSlotsOf(desk, 1, '2026-03-12'))[0];
    if (!slot) throw new Error('no free slot');
    // The parent's connection is closed so only the two children write.
    t.core.close();

    const book = (patientId: number) =>
      run(
        process.execPath,
        nodeChild(
          child,
          t.dataDir,
          CLINIC_NOW,
          JSON.stringify({ patientId, doctorId: 1, startsAt: slot.startsAt }),
        ),
        {
          timeout: 60_000,
        },
      ).then(({ stdout }) => JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Result<{ id: number }>);
    const results = await Promise.all([book(a.id), book(b.id)]);

    const wins = results.filter((r) => r.ok);
    const losses = results.filter((r) => !r.ok);
    expect(wins).toHaveLength(1);
    expect(losses).toHaveLength(1);
    expect(losses[0]).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: expect.stringMatching(/^That slot was just taken/) },
    });

    const db = new Database(join(t.dataDir, 'clinic.db'), { readonly: true });
    const rows = db
      .prepare(
        "SELECT patient_id FROM appointments WHERE doctor_id = 1 AND starts_at = ? AND status = 'booked'",
      )
      .all(slot.startsAt);
    const audits = db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'book'").get();
    db.close();
    expect(rows).toHaveLength(1);
    expect(audits).toEqual({ n: 1 });
  });
});
