import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../../src/main/core/api';
import { tempCore, type TempCore } from '../../support/temp-core';

describe('patients/list', () => {
  let t: TempCore;
  let desk: Connection;
  beforeAll(async () => {
    t = await tempCore({ demo: true });
    desk = t.core.connectAs('reception', 'test');
  });
  afterAll(() => t.cleanup());

  const list = async (input: Record<string, unknown>) => {
    const result = await desk.call('patients/list', input);
    if (!result.ok) throw new Error(result.error.message);
    return result.value;
  };

  it('pages through every patient in name order', async () => {
    const first = await list({ limit: 50 });
    expect(first.total).toBe(400);
    expect(first.items).toHaveLength(50);
    const names = first.items.map((p) => p.fullName.toLowerCase());
    expect([...names].sort((a, b) => a.localeCompare(b))).toEqual(names);
    const second = await list({ limit: 50, offset: 50 });
    expect(second.items[0]?.id).not.toBe(first.items[0]?.id);
  });

  it('finds by name prefix, ignoring case and accents', async () => {
    const { items } = await list({ query: 'AISHA' });
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((p) => p.fullName.startsWith('Aisha'))).toBe(true);
    const accented = await list({ query: 'tomas' });
    expect(accented.items.every((p) => p.fullName.startsWith('Tomás'))).toBe(true);
  });

  it('finds by patient number and by phone digits', async () => {
    const byNumber = await list({ query: 'p000123' });
    expect(byNumber.items.map((p) => p.patientNumber)).toEqual(['P000123']);
    const phone = byNumber.items[0]?.phone ?? '';
    const digits = phone.replace(/\D/g, '');
    const byPhone = await list({ query: phone });
    expect(byPhone.items.map((p) => p.patientNumber)).toContain('P000123');
    const byDigits = await list({ query: digits.slice(0, 9) });
    expect(
      byDigits.items.every((p) => (p.phone ?? '').replace(/\D/g, '').startsWith(digits.slice(0, 9))),
    ).toBe(true);
    expect(byDigits.items.map((p) => p.patientNumber)).toContain('P000123');
  });
});
