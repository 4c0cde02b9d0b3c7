/**
 * The reference of the `network-clients` bench row: a bare HTTPS server (TLS 1.3, a certificate of
 * its own) in a process of its own, with no core behind it. It answers every POST with a JSON
 * answer of the size the request asks for (`{ bytes }`). Each simulated PC calls it right after
 * each of its calls to the host, through the same pinned link code and with the answer size the
 * host just gave, so the reference is what a TLS round trip on loopback costs on this machine at
 * that moment. Sends `{ port, certPem, fingerprint }` over IPC once it listens.
 */
import { X509Certificate } from 'node:crypto';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import { readJsonBody } from '../src/main/http/json-body';

export interface EchoReady {
  port: number;
  certPem: string;
  fingerprint: string;
}

const pems = await generate([{ name: 'commonName', value: 'Clinic Desk bench echo' }], {
  keyType: 'ec',
  curve: 'P-256',
});
const server = createServer({ key: pems.private, cert: pems.cert, minVersion: 'TLSv1.3' }, (req, res) => {
  void readJsonBody(req).then((body) => {
    const bytes = body.ok ? Number((body.value as { bytes?: unknown }).bytes) || 0 : 0;
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify({ ok: true, value: 'x'.repeat(Math.max(0, Math.min(bytes - 22, 1 << 20))) }));
  });
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  const ready: EchoReady = {
    port: (server.address() as AddressInfo).port,
    certPem: pems.cert,
    fingerprint: new X509Certificate(pems.cert).fingerprint256,
  };
  process.send?.(ready);
});
process.on('disconnect', () => process.exit());
