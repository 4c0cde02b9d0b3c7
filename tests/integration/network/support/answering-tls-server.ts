import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';

export interface AnsweringTlsServer {
  server: Server;
  port: number;
  certPem: string;
  close(): Promise<void>;
}

/**
 * A real HTTPS server (TLS 1.3, a fresh self-signed certificate) on `host` that answers every
 * request with 200 and `answer(url)` as JSON: a stand-in host for the link's own tests.
 */
export async function startAnsweringTlsServer(
  host: string,
  answer: (url: string) => unknown,
): Promise<AnsweringTlsServer> {
  const pems = await generate([{ name: 'commonName', value: 'Clinic Desk host' }], {
    keyType: 'ec',
    curve: 'P-256',
  });
  const server = createServer({ key: pems.private, cert: pems.cert, minVersion: 'TLSv1.3' }, (req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(answer(req.url ?? '')));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return {
    server,
    port: (server.address() as AddressInfo).port,
    certPem: pems.cert,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
