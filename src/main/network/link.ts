import { X509Certificate } from 'node:crypto';
import { Agent, request, type RequestOptions } from 'node:https';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { connect, type PeerCertificate } from 'node:tls';
import { DEFAULT_NETWORK_PORT } from '../../shared/channels/network';
import { CONNECTION_HEADER, DEVICE_HEADER, MAX_BODY_BYTES } from './protocol';

/** What a client PC remembers of its host: where it is and exactly which certificate it has. */
export interface HostPin {
  /** host:port as typed, e.g. 192.168.1.20:7443. */
  address: string;
  certPem: string;
  /** SHA-256 fingerprint, AA:BB:…, compared on every connection. */
  fingerprint: string;
}

/** Why a request to the host did not get an answer. */
export class LinkError extends Error {
  constructor(
    readonly kind: 'unreachable' | 'untrusted',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LinkError';
  }
}

export const untrustedMessage = (address: string): string =>
  `The PC at ${address} did not show the certificate this PC paired with, so nothing was sent to it. Someone may be intercepting the clinic's network, or the host was reinstalled: ask the administrator before pairing again.`;

export const unreachableMessage = (address: string): string =>
  `The clinic's host PC (${address}) cannot be reached. Check that it is switched on and Clinic Desk is running there; this PC keeps trying. Nothing was saved.`;

/** '192.168.1.20' or '192.168.1.20:7443' → host and port; null for anything else. */
export function parseHostAddress(text: string): { host: string; port: number } | null {
  const match = /^\s*([A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:]+\])(?::(\d{1,5}))?\s*$/.exec(text);
  if (!match?.[1]) return null;
  const port = match[2] === undefined ? DEFAULT_NETWORK_PORT : Number(match[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return null;
  return { host: match[1].replace(/^\[|\]$/g, ''), port };
}

/** The inverse of `parseHostAddress`: an IPv6 host goes in brackets, so the port stays readable. */
export const formatHostAddress = (target: { host: string; port: number }): string =>
  `${isIP(target.host) === 6 ? `[${target.host}]` : target.host}:${target.port}`;

const toPem = (raw: Buffer): string =>
  `-----BEGIN CERTIFICATE-----\n${raw
    .toString('base64')
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;

const isUntrusted = (error: unknown): boolean => {
  const code = (error as { code?: string }).code ?? '';
  return (
    error instanceof LinkError ||
    code === 'ERR_TLS_CERT_ALTNAME_INVALID' ||
    code.startsWith('ERR_TLS') ||
    /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|certificate/i.test(`${code} ${(error as Error).message ?? ''}`)
  );
};

function readAll(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > 16 * MAX_BODY_BYTES) res.destroy(new Error('answer too large'));
      else chunks.push(chunk);
    });
    res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.on('error', reject);
  });
}

/**
 * Asks the PC at `address` for its certificate without trusting it yet: the first step of pairing,
 * so the person can compare the fingerprint with the one Settings › Network shows on the host.
 */
export function probeHost(address: string): Promise<HostPin> {
  const target = parseHostAddress(address);
  if (!target) {
    return Promise.reject(new LinkError('unreachable', 'Enter the host address, e.g. 192.168.1.20:7443.'));
  }
  // Only the TLS handshake: nothing is sent to a PC whose certificate is not yet trusted.
  return new Promise((resolve, reject) => {
    const socket = connect({
      host: target.host,
      port: target.port,
      rejectUnauthorized: false,
      minVersion: 'TLSv1.3',
      ...(isIP(target.host) ? {} : { servername: target.host }),
    });
    socket.setTimeout(5000, () => socket.destroy(new Error('timed out')));
    socket.once('secureConnect', () => {
      const cert: PeerCertificate = socket.getPeerCertificate(false);
      socket.end();
      if (!cert.raw) return reject(new LinkError('untrusted', 'The host did not present a certificate.'));
      const certPem = toPem(cert.raw);
      resolve({
        address: formatHostAddress(target),
        certPem,
        fingerprint: new X509Certificate(certPem).fingerprint256,
      });
    });
    socket.once('error', (error) =>
      reject(new LinkError('unreachable', unreachableMessage(address), { cause: error })),
    );
  });
}

export interface LinkAnswer {
  status: number;
  body: unknown;
}

/**
 * One pinned HTTPS link to the host. The host's own certificate is the only trusted root, and its
 * fingerprint must match too; a certificate from anyone else fails the handshake before a byte of
 * the request is sent. Kept-alive connections keep a call at LAN latency.
 */
export class HostLink {
  private readonly agent: Agent;
  private readonly target: { host: string; port: number };

  constructor(
    readonly pin: HostPin,
    private readonly credential: string | null,
  ) {
    const target = parseHostAddress(pin.address);
    if (!target) throw new LinkError('unreachable', `"${pin.address}" is not a host address.`);
    this.target = target;
    this.agent = new Agent({ keepAlive: true, maxSockets: 16, ...this.tlsOptions() });
  }

  private tlsOptions(): Pick<
    RequestOptions,
    'ca' | 'checkServerIdentity' | 'rejectUnauthorized' | 'minVersion'
  > {
    const expected = this.pin.fingerprint;
    return {
      ca: [this.pin.certPem],
      rejectUnauthorized: true,
      minVersion: 'TLSv1.3',
      checkServerIdentity: (_host, cert) =>
        cert.fingerprint256 === expected
          ? undefined
          : new LinkError('untrusted', untrustedMessage(this.pin.address)),
    };
  }

  private options(
    method: string,
    path: string,
    connection: string | null,
    extra: Record<string, string> = {},
  ): RequestOptions {
    return {
      host: this.target.host,
      port: this.target.port,
      method,
      path,
      agent: this.agent,
      ...this.tlsOptions(),
      headers: {
        ...(this.credential ? { [DEVICE_HEADER]: this.credential } : {}),
        ...(connection ? { [CONNECTION_HEADER]: connection } : {}),
        ...extra,
      },
    };
  }

  private failure(error: unknown): LinkError {
    if (error instanceof LinkError) return error;
    if (isUntrusted(error))
      return new LinkError('untrusted', untrustedMessage(this.pin.address), { cause: error });
    return new LinkError('unreachable', unreachableMessage(this.pin.address), { cause: error });
  }

  /** POSTs JSON (or GETs) and reads the JSON answer; throws LinkError when there is none. */
  send(path: string, body: unknown, connection: string | null = null): Promise<LinkAnswer> {
    const payload = JSON.stringify(body ?? {});
    return new Promise((resolve, reject) => {
      const req = request(
        this.options('POST', path, connection, {
          'Content-Type': 'application/json',
          'Content-Length': String(Buffer.byteLength(payload)),
        }),
        (res) => {
          readAll(res).then(
            (text) => {
              try {
                resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown });
              } catch (error) {
                reject(this.failure(error));
              }
            },
            (error: unknown) => reject(this.failure(error)),
          );
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('timed out')));
      req.on('error', (error) => reject(this.failure(error)));
      req.end(payload);
    });
  }

  /**
   * Opens the event stream; `onEvent` gets each `data:` line's JSON. Resolves with a stop function
   * once the host answers 200; rejects with LinkError or with the HTTP status when refused.
   */
  stream(
    path: string,
    connection: string,
    onData: (data: unknown) => void,
    onEnd: (error: LinkError | null) => void,
  ): Promise<{ status: number; stop: () => void }> {
    return new Promise((resolve, reject) => {
      const req = request(this.options('GET', path, connection, { Accept: 'text/event-stream' }), (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return resolve({ status: res.statusCode ?? 0, stop: () => undefined });
        }
        let buffer = '';
        let ended = false;
        const finish = (error: LinkError | null) => {
          if (ended) return;
          ended = true;
          onEnd(error);
        };
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buffer += chunk;
          let cut = buffer.indexOf('\n\n');
          while (cut >= 0) {
            const frame = buffer.slice(0, cut);
            buffer = buffer.slice(cut + 2);
            for (const line of frame.split('\n')) {
              if (!line.startsWith('data: ')) continue;
              try {
                onData(JSON.parse(line.slice(6)) as unknown);
              } catch {
                // A malformed frame is skipped; the next data/changed refreshes the screen anyway.
              }
            }
            cut = buffer.indexOf('\n\n');
          }
        });
        res.on('end', () => finish(null));
        res.on('error', (error) => finish(this.failure(error)));
        res.on('close', () => finish(null));
        resolve({ status: 200, stop: () => req.destroy() });
      });
      req.on('error', (error) => reject(this.failure(error)));
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
