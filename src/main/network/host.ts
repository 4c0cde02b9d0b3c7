import {
  type Connection,
  type Core,
  UserError,
  errorFields,
  type Logger,
  type NetworkHostControl,
  type NetworkHostState,
} from '../core';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { fail } from '../../shared/result';
import { readJsonBody } from '../http/json-body';
import {
  CONNECTION_HEADER,
  DEVICE_HEADER,
  DEVICE_REFUSED,
  PATHS,
  type HelloAnswer,
  type PairRequest,
} from './protocol';

/** Connections one device may hold open at once (one per window; generous). */
const MAX_CONNECTIONS_PER_DEVICE = 32;

interface DeviceConnection {
  deviceId: number;
  connection: Connection;
  streams: Set<ServerResponse>;
}

export interface NetworkHostOptions {
  logger: Logger;
  /** Where to listen: every interface (the clinic's LAN) unless a test asks for 127.0.0.1. */
  bindAddress?: string;
  /** Overrides the saved port (tests pass 0 for a free one; `cli network host --port`). */
  port?: number;
}

export interface NetworkHost {
  /** Given to createCore, so Settings › Network can start, stop and describe the server. */
  readonly control: NetworkHostControl;
  /** The core this host serves; set once it exists. */
  attach(core: Core): void;
  /** The port actually listened on (differs from the setting only when it is 0 in tests). */
  port(): number | null;
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(JSON.stringify(value));
}

/** The addresses a client PC can type: this PC's IPv4 LAN addresses with the port. */
function lanAddresses(port: number): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((net) => net && net.family === 'IPv4' && !net.internal)
    .map((net) => `${net?.address}:${port}`);
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * The host side of "several PCs, one clinic": the contract over HTTPS on the LAN, through the same
 * Dispatcher (roles, validation, audit) as the desktop window. A request is served only for a
 * paired, unrevoked device; each window of a client gets its own connection token, whose session
 * is its user's own sign-in. Push events go out as Server-Sent Events over the same TLS.
 */
export function createNetworkHost(options: NetworkHostOptions): NetworkHost {
  const { logger } = options;
  let core: Core | null = null;
  let server: Server | null = null;
  let listeningPort: number | null = null;
  let problem: string | null = null;
  const connections = new Map<string, DeviceConnection>();

  /** Ends a connection: its event streams, its session, its token. */
  const closeConnection = (token: string) => {
    const entry = connections.get(token);
    if (!entry) return;
    for (const stream of entry.streams) stream.end();
    entry.connection.close();
    connections.delete(token);
  };

  const dropDevice = (deviceId: number) => {
    for (const [token, entry] of connections) if (entry.deviceId === deviceId) closeConnection(token);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, served: Core): Promise<void> => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (path === PATHS.hello && req.method === 'GET') {
      const setup = await served.connect('network').call('auth/setupStatus', {});
      const answer: HelloAnswer = {
        app: 'clinic-desk',
        clinicName: setup.ok ? setup.value.clinicName : 'Clinic Desk',
      };
      return json(res, 200, answer);
    }
    if (req.method !== 'POST' && !(req.method === 'GET' && path === PATHS.events)) {
      return json(res, 405, fail('invalid_input', 'This request is not part of Clinic Desk.'));
    }
    if (path === PATHS.pair) {
      const body = await readJsonBody(req);
      if (!body.ok) return json(res, body.status, fail('invalid_input', body.message));
      const { code, deviceName } = (body.value ?? {}) as Partial<PairRequest>;
      if (typeof code !== 'string' || typeof deviceName !== 'string' || code.length > 40) {
        return json(res, 400, fail('invalid_input', 'Enter the pairing code shown on the host.'));
      }
      try {
        const paired = served.network.pair(code, deviceName);
        logger.log('info', 'network device paired', { deviceId: paired.deviceId });
        return json(res, 200, { ok: true, value: paired });
      } catch (error) {
        if (!(error instanceof UserError)) throw error;
        logger.log('warn', 'network pairing refused', { code: error.code });
        return json(res, error.code === 'too_many_attempts' ? 429 : 403, fail(error.code, error.message));
      }
    }
    const device = served.network.authenticate(header(req, DEVICE_HEADER));
    if (!device) {
      const claimed = Number(/^(\d+)\./.exec(header(req, DEVICE_HEADER) ?? '')?.[1] ?? NaN);
      if (Number.isInteger(claimed)) dropDevice(claimed);
      logger.log('warn', 'network call from an unpaired or revoked device refused', { path });
      return json(res, 401, fail('host_refused', DEVICE_REFUSED));
    }
    if (path === PATHS.connect) {
      const mine = [...connections].filter(([, entry]) => entry.deviceId === device.id);
      if (mine.length >= MAX_CONNECTIONS_PER_DEVICE) {
        const [oldestToken] = mine[0] ?? [];
        if (oldestToken) closeConnection(oldestToken);
      }
      const token = randomBytes(24).toString('base64url');
      connections.set(token, {
        deviceId: device.id,
        connection: served.connect('network'),
        streams: new Set(),
      });
      return json(res, 200, { ok: true, value: { connection: token } });
    }
    const token = header(req, CONNECTION_HEADER) ?? '';
    const entry = connections.get(token);
    if (!entry || entry.deviceId !== device.id) {
      return json(res, 410, fail('unauthenticated', 'Please sign in to continue.'));
    }
    if (path === PATHS.disconnect) {
      closeConnection(token);
      return json(res, 200, { ok: true, value: null });
    }
    if (path === PATHS.events) {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
      res.write(': connected\n\n');
      entry.streams.add(res);
      const unsubscribe = entry.connection.onEvent((event, payload) => {
        res.write(`data: ${JSON.stringify({ event, payload })}\n\n`);
      });
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 20_000);
      res.on('close', () => {
        clearInterval(keepAlive);
        unsubscribe();
        entry.streams.delete(res);
      });
      return;
    }
    if (path.startsWith(PATHS.call)) {
      const body = await readJsonBody(req);
      if (!body.ok) return json(res, body.status, fail('invalid_input', body.message));
      const result = await entry.connection.callUnknown(path.slice(PATHS.call.length), body.value);
      return json(res, 200, result);
    }
    return json(res, 404, fail('unknown_channel', 'This request is not part of Clinic Desk.'));
  };

  const stop = async (): Promise<void> => {
    const current = server;
    server = null;
    listeningPort = null;
    for (const token of [...connections.keys()]) closeConnection(token);
    if (!current) return;
    await new Promise<void>((resolve) => {
      current.closeAllConnections();
      current.close(() => resolve());
    });
  };

  const start = async (served: Core, port: number): Promise<void> => {
    const identity = await served.network.certificate();
    const next = createServer(
      { key: identity.key, cert: identity.cert, minVersion: 'TLSv1.3' },
      (req, res) => {
        handle(req, res, served).catch((error: unknown) => {
          logger.log('error', 'network request failed', {
            path: req.url?.split('?')[0],
            ...errorFields(error),
          });
          if (!res.headersSent)
            json(res, 500, fail('internal', 'Something went wrong on the host. Please try again.'));
          else res.end();
        });
      },
    );
    next.keepAliveTimeout = 30_000;
    // A client that fails the TLS handshake (e.g. it refused our certificate) is only logged.
    next.on('tlsClientError', (error) =>
      logger.log('info', 'network TLS handshake failed', errorFields(error)),
    );
    await new Promise<void>((resolve, reject) => {
      next.once('error', reject);
      next.listen(port, options.bindAddress ?? '0.0.0.0', () => {
        next.off('error', reject);
        resolve();
      });
    });
    server = next;
    listeningPort = (next.address() as AddressInfo).port;
    logger.log('info', 'network host listening', { port: listeningPort });
  };

  const control: NetworkHostControl = {
    apply: async () => {
      if (!core) return;
      const saved = core.network.hosting();
      const wanted = { enabled: saved.enabled, port: options.port ?? saved.port };
      if (!wanted.enabled) {
        problem = null;
        return stop();
      }
      if (server && (listeningPort === wanted.port || wanted.port === 0)) return;
      await stop();
      try {
        await start(core, wanted.port);
        problem = null;
      } catch (error) {
        logger.log('error', 'network host could not listen', { port: wanted.port, ...errorFields(error) });
        problem =
          (error as { code?: string }).code === 'EADDRINUSE'
            ? `Port ${wanted.port} is already used by another program on this PC. Choose another port.`
            : `Other PCs cannot connect: port ${wanted.port} could not be opened. The details are in the log.`;
      }
    },
    state: (): NetworkHostState => ({
      listening: server !== null,
      problem,
      addresses: listeningPort === null ? [] : lanAddresses(listeningPort),
    }),
  };

  return {
    control,
    attach: (served) => {
      core = served;
    },
    port: () => listeningPort,
    close: stop,
  };
}
