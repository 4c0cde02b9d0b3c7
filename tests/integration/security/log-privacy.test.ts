import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../src/shared/contract';
import { fileLogger } from '../../../src/main/core/logger';
import { tempCore, tempDir, type TempCore } from '../../support/temp-core';

/**
 * The log may be sent to IT support: it carries ids and codes, never who the patients are. This
 * drives calls that succeed, fail and crash with patient details in their inputs, then reads the
 * whole log file for any patient's name, email, phone or note.
 */
describe('the application log', () => {
  let t: TempCore;
  let patients: { full_name: string; email: string | null; phone: string | null }[];

  beforeAll(async () => {
    const dataDir = tempDir();
    t = await tempCore({ demo: true, dataDir, logger: fileLogger(dataDir) });
    const db = new Database(t.core.dbPath, { readonly: true });
    patients = db.prepare('SELECT full_name, email, phone FROM patients LIMIT 40').all() as typeof patients;
    db.close();
  });
  afterAll(() => t.cleanup());

  it('never contains patient names, emails or phone numbers', async () => {
    const desk = t.core.connect('test');
    await desk.call('auth/login', { username: 'reception', password: 'wrong password' });
    await desk.call('auth/login', { username: 'reception', password: 'demo-reception' });
    for (const p of patients) {
      await desk.call('patients/list', { query: p.full_name });
      await desk.callUnknown('patients/list', { query: p.full_name, bogus: p.email });
      for (const channel of CHANNEL_NAMES) {
        await desk.callUnknown(channel, {
          fullName: p.full_name,
          email: p.email,
          phone: p.phone,
          notes: p.full_name,
        });
      }
    }
    const log = readFileSync(join(t.dataDir, 'logs', 'clinic-desk.log'), 'utf8');
    expect(log.length).toBeGreaterThan(1000);
    for (const p of patients) {
      expect(log).not.toContain(p.full_name);
      if (p.email) expect(log).not.toContain(p.email);
      if (p.phone) expect(log).not.toContain(p.phone);
    }
  });
});
