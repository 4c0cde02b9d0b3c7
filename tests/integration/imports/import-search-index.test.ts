import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Connection } from '../../../src/main/core/api';
import { value } from '../../support/clinic';
import { snapshotDatabase, tempCore, type TempCore } from '../../support/temp-core';
import { stageFile } from './support';

const ADMIN = { fullName: 'Ada Admin', username: 'ada', password: 'correct horse battery' };
const MAPPING = { fullName: 'name', dateOfBirth: 'born', phone: 'tel', externalId: 'id' };

/** The schema's triggers and the search figures an import must leave as the triggers would. */
function searchState(dbPath: string) {
  const db = new Database(dbPath, { readonly: true });
  try {
    return {
      triggers: db
        .prepare(
          "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'patients' ORDER BY name",
        )
        .all(),
      patients: db.prepare('SELECT count(*) FROM patients').pluck().get() as number,
      indexed: db.prepare('SELECT count(*) FROM patients_fts').pluck().get() as number,
      version: db.prepare('SELECT n FROM patients_version').pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

/**
 * The import indexes its rows for search once at the end (src/main/core/imports/deferred-triggers.ts)
 * instead of through the per-row triggers: what it leaves must be what the triggers would have.
 */
describe('an imported patient is found like a registered one', () => {
  let t: TempCore;
  let admin: Connection;
  beforeEach(async () => {
    t = await tempCore();
    admin = t.core.connect('test');
    await value(admin, 'auth/setup', ADMIN);
    await value(t.core.connectAs('ada', 'test'), 'patients/register', {
      fullName: 'Registered Before',
      dateOfBirth: '1970-01-01',
      sex: 'unknown',
    });
  });
  afterEach(() => t.cleanup());

  it('by any word of the name and by the phone without its country code; triggers back as they were', async () => {
    const before = searchState(t.core.dbPath);
    const csv = [
      'id,name,born,tel',
      'A-1,Zoë Núñez-Smith,1980-03-25,+44 7700 900123',
      'A-2,Björn Lindqvist,1975-11-02,',
      'A-3,Bad Date,1975-02-31,',
    ].join('\r\n');
    const run = await value(admin, 'imports/run', {
      uploadId: await stageFile(admin, Buffer.from(csv)),
      mapping: MAPPING,
    });
    expect(run).toMatchObject({ rows: 3, added: 2, invalid: 1 });

    const after = searchState(t.core.dbPath);
    expect(after.triggers).toEqual(before.triggers);
    expect(after).toMatchObject({ patients: before.patients + 2, indexed: before.indexed + 2 });
    expect(after.version).toBeGreaterThan(before.version);

    const doctor = t.core.connectAs('ada', 'test');
    const find = async (query: string) =>
      (await value(doctor, 'patients/list', { query })).items.map((p) => p.fullName);
    expect(await find('nunez')).toEqual(['Zoë Núñez-Smith']);
    expect(await find('smi')).toEqual(['Zoë Núñez-Smith']);
    expect(await find('7700 900')).toEqual(['Zoë Núñez-Smith']);
    expect(await find('lindq')).toEqual(['Björn Lindqvist']);
    // Numbers continue after the registered patient's, and the triggers work again afterwards.
    expect((await find('björn'))[0]).toBe('Björn Lindqvist');
    await value(doctor, 'patients/register', {
      fullName: 'Later Patient',
      dateOfBirth: '1990-01-01',
      sex: 'male',
    });
    expect(await find('later')).toEqual(['Later Patient']);
    const numbers = (await value(doctor, 'patients/list', { query: '' })).items.map((p) => p.patientNumber);
    expect(new Set(numbers).size).toBe(4);
  });

  it('a file refused half-way leaves the triggers, the index and the counter untouched', async () => {
    const before = snapshotDatabase(t.core.dbPath);
    const state = searchState(t.core.dbPath);
    const csv = ['id,name,born,tel', 'B-1,Fine Row,1980-01-01,', 'B-2,=HYPERLINK("x"),1980-01-01,'].join(
      '\n',
    );
    const result = await admin.call('imports/run', {
      uploadId: await stageFile(admin, Buffer.from(csv)),
      mapping: MAPPING,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(searchState(t.core.dbPath)).toEqual(state);
    expect(snapshotDatabase(t.core.dbPath)).toBe(before);
  });
});
