import { describe, expect, it } from 'vitest';
import { hashPassword, OWASP_SCRYPT, verifyPassword } from '../../../src/main/core/auth/password';

describe('password hashing', () => {
  it("uses scrypt at OWASP's parameters by default and verifies only the right password", async () => {
    expect(OWASP_SCRYPT).toEqual({ N: 131072, r: 8, p: 1 });
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{88}$/);
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
  });

  it('salts every hash and treats NFC and NFD spellings of a password alike', async () => {
    const cost = { N: 1024, r: 8, p: 1 };
    const a = await hashPassword('Zoë-password', cost);
    const b = await hashPassword('Zoë-password', cost);
    expect(a).not.toBe(b);
    expect(await verifyPassword('Zoe\u0308-password', a)).toBe(true);
  });

  it('refuses a malformed stored hash instead of throwing', async () => {
    expect(await verifyPassword('anything', 'md5$abc')).toBe(false);
  });
});
