/**
 * The wire between a client PC and the host: HTTPS (TLS 1.3) with the host's self-signed
 * certificate pinned by fingerprint. Every request but pairing carries the device credential;
 * every contract call also carries the connection token whose session the host's Dispatcher holds.
 */
export const DEVICE_HEADER = 'x-clinic-desk-device';
export const CONNECTION_HEADER = 'x-clinic-desk-connection';

export const PATHS = {
  /** GET: who is this (no credentials), for the client to fetch the fingerprint to compare. */
  hello: '/net/hello',
  /** POST { code, deviceName } → { deviceId, secret }. */
  pair: '/net/pair',
  /** POST → { connection }: a fresh connection (no session) for one window. */
  connect: '/net/connect',
  /** POST: ends a connection and its session. */
  disconnect: '/net/disconnect',
  /** POST /net/call/<channel> with the input as JSON → Result. */
  call: '/net/call/',
  /** GET: Server-Sent Events for the connection. */
  events: '/net/events',
} as const;

export interface HelloAnswer {
  app: 'clinic-desk';
  clinicName: string;
}

export interface PairRequest {
  code: string;
  deviceName: string;
}

export { MAX_BODY_BYTES } from '../http/json-body';

export const DEVICE_REFUSED =
  'The clinic host no longer lets this PC connect. Ask the administrator to pair it again (Settings › Network on the host).';
