import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Per-session keys for the browser preview. A session id travels as a cookie; its key is an HMAC
 * of the id under a secret only this server holds, handed to the page outside any cookie. Browsers
 * send cookies to every port of 127.0.0.1, so a page on another port can collect the cookie jar;
 * without the key, replaying it gets nothing. Keys are checked in constant time, and a restart
 * that keeps the same SessionKeys keeps open pages working.
 */
export class SessionKeys {
  constructor(private readonly secret: Buffer = randomBytes(32)) {}

  /** A fresh session id and its key. */
  mint(): { session: string; key: string } {
    const session = randomBytes(24).toString('base64url');
    return { session, key: this.keyFor(session) };
  }

  keyFor(session: string): string {
    return createHmac('sha256', this.secret).update(session).digest('base64url');
  }

  verify(session: string | undefined, offered: string | undefined | null): boolean {
    if (!session || !offered) return false;
    const expected = Buffer.from(this.keyFor(session));
    const given = Buffer.from(offered);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}
