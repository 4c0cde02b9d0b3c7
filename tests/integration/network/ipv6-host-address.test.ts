import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHostAddress, HostLink, parseHostAddress, probeHost } from '../../../src/main/network/link';
import { startAnsweringTlsServer, type AnsweringTlsServer } from './support/answering-tls-server';

/** Whether this machine has an IPv6 loopback to listen on (most do; a container may not). */
function ipv6Loopback(): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(0, '::1', () => probe.close(() => resolve(true)));
  });
}

describe('a host typed as an IPv6 address', () => {
  it('keeps its brackets when written back, so the port is not read as part of the address', () => {
    for (const typed of [
      '[::1]:7443',
      '[fe80::1c2:3ff:fe4d:5e6f]:8443',
      '192.168.1.20:7443',
      'front-desk:7443',
    ]) {
      const target = parseHostAddress(typed);
      expect(target).not.toBeNull();
      expect(formatHostAddress(target!)).toBe(typed);
      expect(parseHostAddress(formatHostAddress(target!))).toEqual(target);
    }
    expect(formatHostAddress({ host: '::1', port: 7443 })).toBe('[::1]:7443');
  });

  describe('over a real TLS connection on ::1', async () => {
    const available = await ipv6Loopback();
    let tls: AnsweringTlsServer | undefined;

    beforeAll(async () => {
      if (available)
        tls = await startAnsweringTlsServer('::1', () => ({ ok: true, value: 'answered over IPv6' }));
    });

    afterAll(() => tls?.close());

    it.runIf(available)('pairs: the pinned address opens a link that answers', async () => {
      const pin = await probeHost(`[::1]:${tls!.port}`);
      expect(pin.address).toBe(`[::1]:${tls!.port}`);
      const link = new HostLink(pin, '1.device-secret-for-the-test');
      try {
        const answer = await link.send('/net/call/x', {}, 'token');
        expect(answer).toEqual({ status: 200, body: { ok: true, value: 'answered over IPv6' } });
      } finally {
        link.close();
      }
    });
  });
});
