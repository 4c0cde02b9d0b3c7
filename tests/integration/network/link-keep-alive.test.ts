import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostLink } from '../../../src/main/network/link';
import { startAnsweringTlsServer, type AnsweringTlsServer } from './support/answering-tls-server';

/**
 * A client PC's calls must not pay a TLS handshake each: the link keeps its connections to the
 * host alive. Counted by a real TLS server's 'secureConnection' events (one per handshake).
 */
describe('the link to the host keeps its TLS connections alive', () => {
  let tls: AnsweringTlsServer;
  let handshakes = 0;
  let link: HostLink;

  beforeAll(async () => {
    tls = await startAnsweringTlsServer('127.0.0.1', (url) => ({ ok: true, value: url }));
    tls.server.on('secureConnection', () => (handshakes += 1));
    link = new HostLink(
      {
        address: `127.0.0.1:${tls.port}`,
        certPem: tls.certPem,
        fingerprint: new X509Certificate(tls.certPem).fingerprint256,
      },
      '1.device-secret-for-the-test',
    );
  });

  afterAll(async () => {
    link.close();
    await tls.close();
  });

  it('makes 50 calls one after another over one handshake', async () => {
    handshakes = 0;
    for (let i = 0; i < 50; i++) {
      const answer = await link.send(`/net/call/patients/list?${i}`, { query: 'an' }, 'token');
      expect(answer).toEqual({ status: 200, body: { ok: true, value: `/net/call/patients/list?${i}` } });
    }
    expect(handshakes).toBe(1);
  });

  it('opens a second connection only for calls made at the same time, and reuses them afterwards', async () => {
    handshakes = 0;
    await Promise.all([1, 2, 3].map((n) => link.send(`/net/call/x?${n}`, {}, 'token')));
    for (let i = 0; i < 10; i++) await link.send('/net/call/x', {}, 'token');
    // The connection of the first test is still open: at most two more for three calls at once.
    expect(handshakes).toBeLessThanOrEqual(2);
  });
});
