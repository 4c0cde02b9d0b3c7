import type * as Crypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixedClock, tempCore, type TempCore } from '../../support/temp-core';

// Every password check is one scrypt call: count them, so "only the admitted attempts were
// checked" is measured, not inferred from the answers.
const calls = vi.hoisted(() => ({ scrypt: 0 }));
vi.mock('node:crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof Crypto>();
  const scrypt = ((...args: Parameters<typeof crypto.scrypt>) => {
    calls.scrypt += 1;
    return (crypto.scrypt as (...a: unknown[]) => void)(...args);
  }) as typeof crypto.scrypt;
  return { ...crypto, scrypt, default: { ...crypto, scrypt } };
});

const START = '2026-03-02T09:00:00Z';
const wrong = { username: 'admin', password: 'not the password' };

describe('the sign-in throttle holds under parallel guesses (issue 9, item 3)', () => {
  let t: TempCore | undefined;
  afterEach(() => t?.cleanup());

  it('40 parallel guesses on a fresh name: three are checked, the rest refused unchecked', async () => {
    t = await tempCore({ demo: true, clock: fixedClock(START) });
    const core = t.core;
    calls.scrypt = 0;
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => core.connect('test').call('auth/login', wrong)),
    );
    expect(calls.scrypt).toBe(3);
    const codes = answers.map((a) => (a.ok ? 'ok' : a.error.code));
    expect(codes.filter((c) => c === 'invalid_credentials')).toHaveLength(3);
    expect(codes.filter((c) => c === 'too_many_attempts')).toHaveLength(37);
  });

  it('after 3 failures and the one-second wait, 40 parallel guesses get exactly one check', async () => {
    const clock = fixedClock(START);
    t = await tempCore({ demo: true, clock });
    const window = t.core.connect('test');
    for (let i = 0; i < 3; i++) await window.call('auth/login', wrong);
    clock.advance(1_000);
    calls.scrypt = 0;
    const core = t.core;
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => core.connect('test').call('auth/login', wrong)),
    );
    expect(calls.scrypt).toBe(1);
    expect(answers.filter((a) => !a.ok && a.error.code === 'too_many_attempts')).toHaveLength(39);
  });

  it('inventing 1,000 names does not flush a throttled unknown name', async () => {
    t = await tempCore({ demo: true, clock: fixedClock(START) });
    const window = t.core.connect('test');
    const ghost = { username: 'no.such.person', password: 'whatever pw' };
    for (let i = 0; i < 3; i++) await window.call('auth/login', ghost);
    expect(await window.call('auth/login', ghost)).toMatchObject({ error: { code: 'too_many_attempts' } });
    for (let i = 0; i < 1_000; i++)
      await window.call('auth/login', { username: `invented.${i}`, password: 'x' });
    calls.scrypt = 0;
    expect(await window.call('auth/login', ghost)).toMatchObject({ error: { code: 'too_many_attempts' } });
    expect(await window.call('auth/login', wrong)).toMatchObject({ error: { code: 'invalid_credentials' } });
    expect(calls.scrypt).toBe(1);
  }, 120_000);

  it('auth/changePassword is throttled like sign-in, on the same count, under parallel calls', async () => {
    const clock = fixedClock(START);
    t = await tempCore({ demo: true, clock });
    const me = t.core.connectAs('reception', 'test');
    calls.scrypt = 0;
    const guess = { currentPassword: 'a wrong guess', newPassword: 'a brand new password' };
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => me.call('auth/changePassword', guess)),
    );
    expect(calls.scrypt).toBe(3);
    expect(answers.filter((a) => !a.ok && a.error.code === 'too_many_attempts')).toHaveLength(17);
    // The right password is refused inside the window too, and so is signing in.
    const right = { currentPassword: 'demo-reception', newPassword: 'a brand new password' };
    expect(await me.call('auth/changePassword', right)).toMatchObject({
      error: { code: 'too_many_attempts' },
    });
    expect(
      await t.core.connect('test').call('auth/login', { username: 'reception', password: 'demo-reception' }),
    ).toMatchObject({ error: { code: 'too_many_attempts' } });
    clock.advance(1_000);
    expect(await me.call('auth/changePassword', right)).toEqual({ ok: true, value: null });
    expect(
      await t.core
        .connect('test')
        .call('auth/login', { username: 'reception', password: 'a brand new password' }),
    ).toMatchObject({ ok: true });
  });
});
