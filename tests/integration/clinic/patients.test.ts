import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../../src/main/core/api';
import { patientSearch } from '../../../src/main/core/patients/search';
import { CLINIC_NOW, expectRefused, registerPatient, value } from '../../support/clinic';
import { fixedClock, tempCore, type TempCore } from '../../support/temp-core';

describe('patient records', () => {
  let t: TempCore;
  let desk: Connection;
  let doctor: Connection;
  let admin: Connection;
  beforeAll(async () => {
    t = await tempCore({ demo: true, clock: fixedClock(CLINIC_NOW) });
    desk = t.core.connectAs('reception', 'test');
    doctor = t.core.connectAs('dr.fernandez', 'test');
    admin = t.core.connectAs('admin', 'test');
  });
  afterAll(() => t.cleanup());

  it('registers with the next patient number, every field, and an audit row', async () => {
    const created = await registerPatient(desk, {
      fullName: '  Amara   Garcia ',
      phone: '+44 7700 900123',
      email: 'amara@example.com',
      address: '1 Test Road',
      emergencyContact: 'Sam Garcia, +44 7700 900999',
      notes: 'Prefers mornings',
      emailReminders: true,
    });
    expect(created).toMatchObject({
      patientNumber: 'P000401',
      fullName: 'Amara   Garcia',
      email: 'amara@example.com',
      emailReminders: true,
      active: true,
    });
    const db = new Database(t.core.dbPath, { readonly: true });
    const audit = db.prepare("SELECT action, summary FROM audit_log WHERE entity = 'patient'").all();
    db.close();
    expect(audit).toEqual([{ action: 'create', summary: 'Registered patient P000401' }]);
    expect(JSON.stringify(audit)).not.toContain('Garcia');
    const next = await registerPatient(desk, { fullName: 'Ben Next', phone: '' });
    expect(next.patientNumber).toBe('P000402');
  });

  it('warns of a likely duplicate (same name and birth date, or same phone) and registers once confirmed', async () => {
    const input = { fullName: 'amara garcia', dateOfBirth: '1980-05-17', sex: 'female', phone: '' };
    const { sex: _sex, ...identity } = input;
    const dupes = await value(desk, 'patients/checkDuplicates', identity);
    expect(dupes.map((d) => [d.patientNumber, d.reason])).toEqual([['P000401', 'name_and_birth_date']]);
    const byPhone = await value(desk, 'patients/checkDuplicates', {
      fullName: 'Someone Else',
      phone: '+44 (7700) 900-123',
    });
    expect(byPhone.map((d) => d.reason)).toEqual(['phone']);
    await expectRefused(
      t.core.dbPath,
      desk,
      'patients/register',
      input,
      'conflict',
      /already registered.*confirm/,
    );
    const confirmed = await value(desk, 'patients/register', { ...input, confirmDuplicate: true });
    expect(confirmed.patientNumber).toBe('P000403');
  });

  it('refuses oversized and malformed fields with sentences, writing nothing', async () => {
    const base = { fullName: 'Valid Name', dateOfBirth: '1990-01-01', sex: 'male' };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ fullName: 'x'.repeat(100_000) }, /at most 120/],
      [{ notes: 'x'.repeat(10 * 1024 * 1024) }, /at most 2,000/],
      [{ address: 'x'.repeat(501) }, /at most 500/],
      [{ emergencyContact: 'x'.repeat(201) }, /at most 200/],
      [{ fullName: '   ' }, /full name/],
      [{ dateOfBirth: '1990-02-30' }, /YYYY-MM-DD/],
      [{ sex: 'robot' }, /Choose female/],
      [{ phone: 'call me' }, /only digits/],
      [{ email: 'not-an-email' }, /email address like/],
      [{ emailReminders: true }, /need an email address/],
      [{ surprise: 1 }, /Unexpected field/],
    ];
    for (const [override, message] of cases) {
      await expectRefused(
        t.core.dbPath,
        desk,
        'patients/register',
        { ...base, ...override },
        'invalid_input',
        message,
      );
    }
    await expectRefused(
      t.core.dbPath,
      desk,
      'patients/register',
      { ...base, dateOfBirth: '2026-03-12' },
      'invalid_input',
      /future/,
    );
    await expectRefused(t.core.dbPath, doctor, 'patients/register', base, 'forbidden');
  });

  it('updates details, auditing the names of changed fields only, and keeps search in step', async () => {
    const p = await registerPatient(desk, { fullName: 'Olga Before', phone: '+44 7700 111222' });
    const updated = await value(desk, 'patients/update', {
      id: p.id,
      fullName: 'Olga Afterwards',
      dateOfBirth: p.dateOfBirth,
      sex: p.sex,
      phone: '+44 7700 333444',
      notes: 'Secret note',
    });
    expect(updated).toMatchObject({
      fullName: 'Olga Afterwards',
      phone: '+44 7700 333444',
      notes: 'Secret note',
    });
    const found = await value(desk, 'patients/list', { query: 'afterw' });
    expect(found.items.map((x) => x.id)).toEqual([p.id]);
    expect((await value(desk, 'patients/list', { query: 'olga before' })).total).toBe(0);
    expect((await value(desk, 'patients/list', { query: '07700 333444' })).items.map((x) => x.id)).toEqual([
      p.id,
    ]);
    const db = new Database(t.core.dbPath, { readonly: true });
    const summary = db
      .prepare("SELECT summary FROM audit_log WHERE action = 'update' AND entity_id = ?")
      .get(String(p.id));
    db.close();
    expect(summary).toEqual({ summary: `Changed name, phone, notes of patient ${p.patientNumber}` });
    await expectRefused(
      t.core.dbPath,
      desk,
      'patients/update',
      { id: 999999, fullName: 'X', dateOfBirth: '1990-01-01', sex: 'male' },
      'not_found',
    );
  });

  it('deactivates with a reason (history stays), refuses twice, and reactivates', async () => {
    const withHistory = 5;
    const before = await value(admin, 'patients/history', { patientId: withHistory });
    await expectRefused(
      t.core.dbPath,
      desk,
      'patients/deactivate',
      { id: withHistory, reason: '' },
      'invalid_input',
      /Say why/,
    );
    const off = await value(desk, 'patients/deactivate', { id: withHistory, reason: 'Moved away' });
    expect(off).toMatchObject({ active: false, deactivatedReason: 'Moved away' });
    expect((await value(admin, 'patients/history', { patientId: withHistory })).total).toBe(before.total);
    await expectRefused(
      t.core.dbPath,
      desk,
      'patients/deactivate',
      { id: withHistory, reason: 'Again' },
      'conflict',
      /already inactive/,
    );
    const list = await value(desk, 'patients/list', { query: off.fullName });
    expect(list.items.map((x) => x.id)).not.toContain(withHistory);
    const on = await value(desk, 'patients/reactivate', { id: withHistory });
    expect(on).toMatchObject({ active: true, deactivatedReason: null });
    await expectRefused(
      t.core.dbPath,
      desk,
      'patients/reactivate',
      { id: withHistory },
      'conflict',
      /already active/,
    );
  });
});

describe('patient history: who sees what', () => {
  let t: TempCore;
  beforeAll(async () => {
    t = await tempCore({ demo: true, clock: fixedClock(CLINIC_NOW) });
  });
  afterAll(() => t.cleanup());

  const patientsOf = (doctorId: number, related: boolean): number => {
    const db = new Database(t.core.dbPath, { readonly: true });
    const row = db
      .prepare<[number], { id: number }>(
        related
          ? `SELECT a.patient_id AS id FROM appointments a JOIN treatments t ON t.appointment_id = a.id WHERE a.doctor_id = ? LIMIT 1`
          : 'SELECT id FROM patients WHERE id NOT IN (SELECT patient_id FROM appointments WHERE doctor_id = ?) LIMIT 1',
      )
      .get(doctorId);
    db.close();
    if (!row) throw new Error('no such patient in the demo');
    return row.id;
  };

  it('gives admin and the treating doctor clinical notes, newest first and paged', async () => {
    const patientId = patientsOf(1, true);
    for (const who of ['admin', 'dr.fernandez']) {
      const page = await value(t.core.connectAs(who, 'test'), 'patients/history', { patientId, limit: 100 });
      expect(page.clinicalVisible).toBe(true);
      expect(page.items.some((v) => v.clinical !== null && v.clinical.diagnosis.length > 0)).toBe(true);
      const starts = page.items.map((v) => v.startsAt);
      expect([...starts].sort((a, b) => b - a)).toEqual(starts);
    }
    const admin = t.core.connectAs('admin', 'test');
    const full = await value(admin, 'patients/history', { patientId, limit: 100 });
    const second = await value(admin, 'patients/history', { patientId, offset: 1, limit: 1 });
    expect(second.items[0]?.appointmentId).toBe(full.items[1]?.appointmentId);
  });

  it('shows the front desk every visit but withholds diagnosis, notes and prescription', async () => {
    const patientId = patientsOf(1, true);
    const page = await value(t.core.connectAs('reception', 'test'), 'patients/history', {
      patientId,
      limit: 100,
    });
    expect(page.clinicalVisible).toBe(false);
    expect(page.items.length).toBeGreaterThan(0);
    expect(page.items.every((v) => v.clinical === null)).toBe(true);
    expect(page.items.some((v) => v.status === 'completed')).toBe(true);
  });

  it('refuses a doctor the history of someone who is not their patient', async () => {
    const stranger = patientsOf(1, false);
    await expectRefused(
      t.core.dbPath,
      t.core.connectAs('dr.fernandez', 'test'),
      'patients/history',
      { patientId: stranger },
      'forbidden',
      /your own patients/,
    );
  });

  it('lets only the recording doctor or an admin amend a treatment, auditing the changed fields', async () => {
    const db = new Database(t.core.dbPath, { readonly: true });
    const row = db
      .prepare<[], { id: number; doctor_id: number; diagnosis: string }>(
        'SELECT t.id, a.doctor_id, t.diagnosis FROM treatments t JOIN appointments a ON a.id = t.appointment_id WHERE a.doctor_id = 1 LIMIT 1',
      )
      .get();
    db.close();
    if (!row) throw new Error('no treatment');
    const amend = {
      treatmentId: row.id,
      diagnosis: 'Amended diagnosis',
      prescription: 'Changed',
      treatmentNotes: '',
    };
    const db1 = new Database(t.core.dbPath, { readonly: true });
    const colleague = db1
      .prepare<[], { username: string }>('SELECT username FROM staff_users WHERE doctor_id = 2')
      .get();
    db1.close();
    await expectRefused(
      t.core.dbPath,
      t.core.connectAs(colleague?.username ?? '', 'test'),
      'treatments/amend',
      amend,
      'forbidden',
      /who recorded/,
    );
    await expectRefused(
      t.core.dbPath,
      t.core.connectAs('reception', 'test'),
      'treatments/amend',
      amend,
      'forbidden',
    );
    const done = await value(t.core.connectAs('dr.fernandez', 'test'), 'treatments/amend', amend);
    expect(done).toMatchObject({
      diagnosis: 'Amended diagnosis',
      prescription: 'Changed',
      treatmentNotes: '',
    });
    const byAdmin = await value(t.core.connectAs('admin', 'test'), 'treatments/amend', {
      ...amend,
      diagnosis: 'Admin fix',
    });
    expect(byAdmin.diagnosis).toBe('Admin fix');
    const db2 = new Database(t.core.dbPath, { readonly: true });
    const audit = db2
      .prepare("SELECT username, summary FROM audit_log WHERE entity = 'treatment' ORDER BY id")
      .all();
    db2.close();
    expect(audit).toEqual([
      {
        username: 'dr.fernandez',
        summary: expect.stringMatching(/^Amended diagnosis, treatment notes, prescription of the treatment/),
      },
      { username: 'admin', summary: expect.stringMatching(/^Amended diagnosis of the treatment/) },
    ]);
  });
});

describe('patient search on many patients', () => {
  let t: TempCore;
  beforeAll(async () => {
    t = await tempCore({ demo: true, clock: fixedClock(CLINIC_NOW) });
  });
  afterAll(() => t.cleanup());

  it('matches the prefix of any word of the name, and phone numbers with or without the country code', async () => {
    const desk = t.core.connectAs('reception', 'test');
    const p = await registerPatient(desk, { fullName: 'Amara Garcia-López', phone: '+44 7700 987654' });
    for (const query of [
      'garc',
      'amara gar',
      'GAR AMA',
      'lopez',
      'lóp',
      '07700 987654',
      '7700 9876',
      '+44 7700 987',
      '0044 7700 987654',
      'P000401',
    ]) {
      const found = await value(desk, 'patients/list', { query });
      expect(
        found.items.map((x) => x.id),
        query,
      ).toContain(p.id);
    }
    for (const query of ['garcia amarb', 'zzz', '7700 987655']) {
      const found = await value(desk, 'patients/list', { query });
      expect(
        found.items.map((x) => x.id),
        query,
      ).not.toContain(p.id);
    }
  });

  it('never scans the patients table: each search path uses an index or the FTS index', () => {
    const db = new Database(t.core.dbPath, { readonly: true });
    const search = patientSearch(db);
    const plan = (sql: string, params: Record<string, unknown>) =>
      db
        .prepare(`EXPLAIN QUERY PLAN ${sql}`)
        .all(params)
        .map((row) => (row as { detail: string }).detail);
    const paging = { inactive: 0, limit: 25, offset: 0 };
    const browse = plan(search.statements.browse, paging);
    expect(browse.join('\n')).toMatch(/SCAN p USING INDEX patients_search_name_idx/);
    const match = plan(search.statements.match, {
      ...paging,
      match: 'name : "gar" *',
      number: 'GAR',
      numberEnd: 'GAR\u{10FFFF}',
    });
    const text = match.join('\n');
    expect(text).toMatch(/VIRTUAL TABLE INDEX \d+:M/); // the FTS index answers the MATCH
    expect(text).toMatch(
      /SEARCH patients USING COVERING INDEX patients_number_unique \(patient_number>\? AND patient_number<\?\)/,
    );
    expect(text).toMatch(/SEARCH p USING INTEGER PRIMARY KEY/);
    expect(match.some((line) => /^SCAN (p|patients)\b(?! USING)/.test(line))).toBe(false);
    const page = db
      .prepare(`EXPLAIN QUERY PLAN ${search.statements.page}`)
      .all('[3,1,2]')
      .map((row) => (row as { detail: string }).detail);
    expect(page.join('\n')).toMatch(/SEARCH p USING INTEGER PRIMARY KEY/); // the page's rows by id
    expect(page.some((line) => /^SCAN p\b/.test(line))).toBe(false);
    db.close();
  });
});
