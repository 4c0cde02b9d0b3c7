import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import {
  HTTP_API_PREFIX,
  HTTP_EVENTS_PATH,
  HTTP_KEY_FRAGMENT,
  HTTP_KEY_HEADER,
  HTTP_KEY_PARAM,
} from '../../shared/bridge';
import { contentSecurityPolicy } from '../../shared/content-security-policy';
import { fail } from '../../shared/result';
import { readJsonBody } from '../http/json-body';
import { type Connection, type Core, errorFields, type Logger } from '../core';
import { SessionKeys } from './session-key';

/** The page's Content-Security-Policy: the same promise the desktop window makes. */
export const PREVIEW_CSP = contentSecurityPolicy('production');

const ACCESS_COOKIE = 'cd_access';
const SESSION_COOKIE = 'cd_session';
/** Open sessions kept at once; beyond it the least recently used one is closed (signed out). */
export const MAX_SESSIONS = 64;

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

export interface PreviewOptions {
  core: Core;
  rendererDir: string;
  logger: Logger;
  port?: number;
  /** Fixed only by tests; a fresh random token for every run otherwise. */
  token?: string;
  /** Kept across a restart (after a restore) so open pages keep their key. */
  sessionKeys?: SessionKeys;
}

export interface PreviewServer {
  url: string;
  port: number;
  token: string;
  sessionKeys: SessionKeys;
  server: Server;
  /** Sessions currently held (each a core connection): bounded by MAX_SESSIONS. */
  sessionCount(): number;
  close(): Promise<void>;
}

/** The request's cookies, or null when one is not valid %-encoding (answered with 400). */
function cookies(req: IncomingMessage): Map<string, string> | null {
  const jar = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    try {
      jar.set(part.slice(0, eq).trim(), decodeURIComponent(part.slice(eq + 1).trim()));
    } catch {
      return null;
    }
  }
  return jar;
}

function sameSecret(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
  res.end(body);
}

/**
 * The browser preview: the same core and the same contract as the desktop app, over HTTP on
 * 127.0.0.1 only. A random token printed at start-up guards it (another local user or a web page
 * in the same browser cannot reach it), and each browser gets its own session cookie, which plays
 * the part of the desktop window's connection.
 */
export async function startPreviewServer(options: PreviewOptions): Promise<PreviewServer> {
  const { core, logger } = options;
  const token = options.token ?? randomBytes(24).toString('base64url');
  const rendererDir = resolve(options.rendererDir);
  const sessionKeys = options.sessionKeys ?? new SessionKeys();
  const connections = new Map<string, Connection>();
  let origin = '';
  let port = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  /**
   * The connection of a session whose key was just checked. Only sessions this server minted get
   * one (no cookie, no connection), and at most MAX_SESSIONS are held: the least recently used is
   * closed first, which signs that browser out.
   */
  const connectionFor = (session: string): Connection => {
    const existing = connections.get(session);
    if (existing) {
      connections.delete(session);
      connections.set(session, existing);
      return existing;
    }
    const connection = core.connect('http');
    connections.set(session, connection);
    while (connections.size > MAX_SESSIONS) {
      const [oldest, stale] = connections.entries().next().value ?? [];
      if (oldest === undefined || !stale) break;
      connections.delete(oldest);
      stale.close();
    }
    return connection;
  };

  const serveStatic = (pathname: string, res: ServerResponse) => {
    const relative = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
    let file = resolve(join(rendererDir, relative));
    if (file !== rendererDir && !file.startsWith(rendererDir + sep)) return send(res, 404, 'Not found.');
    if (!existsSync(file) || statSync(file).isDirectory()) {
      // Client-side routes fall back to the app page; missing assets are plain 404s.
      if (extname(file)) return send(res, 404, 'Not found.');
      file = join(rendererDir, 'index.html');
    }
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': PREVIEW_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600',
    });
    createReadStream(file).pipe(res);
  };

  const serveEvents = (req: IncomingMessage, res: ServerResponse, connection: Connection) => {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    const unsubscribe = connection.onEvent((event, payload) => {
      res.write(`data: ${JSON.stringify({ event, payload })}\n\n`);
    });
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      unsubscribe();
    });
  };

  const serveCall = async (
    req: IncomingMessage,
    res: ServerResponse,
    channel: string,
    connection: Connection,
  ) => {
    if (req.method !== 'POST') return send(res, 405, 'Use POST.');
    // The page may be open as 127.0.0.1 or localhost (the Host was checked): same origin is either.
    const requestOrigin = req.headers.origin;
    if (requestOrigin && requestOrigin !== `http://${req.headers.host ?? ''}`)
      return send(res, 403, 'Cross-origin requests are refused.');
    const body = await readJsonBody(req);
    if (!body.ok) {
      return send(res, body.status, JSON.stringify(fail('invalid_input', body.message)), 'application/json');
    }
    const input = body.value;
    const result = await connection.callUnknown(channel, input);
    send(res, 200, JSON.stringify(result), 'application/json; charset=utf-8');
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (!allowedHosts().has(req.headers.host ?? '')) return send(res, 403, 'Unknown host.');
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? ''}`);
    const jar = cookies(req);
    if (!jar) {
      logger.log('warn', 'preview request refused: malformed cookie', { path: url.pathname });
      return send(res, 400, 'The request carried a cookie that is not valid.');
    }
    const offered = url.searchParams.get('token');
    if (offered !== null) {
      if (!sameSecret(offered, token))
        return send(res, 401, 'The access token is not valid for this preview.');
      url.searchParams.delete('token');
      // A new session: its id in a cookie, its key in the fragment, which the page keeps in its
      // own (port-scoped) storage and the browser never sends anywhere.
      const { session, key } = sessionKeys.mint();
      res.writeHead(303, {
        Location: `${url.pathname}${url.search}#${HTTP_KEY_FRAGMENT}=${key}`,
        'Set-Cookie': [
          `${ACCESS_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/`,
        ],
        'Cache-Control': 'no-store',
      });
      return res.end();
    }
    if (!sameSecret(jar.get(ACCESS_COOKIE), token)) {
      return send(
        res,
        401,
        'Clinic Desk preview: open the address printed in the terminal; it carries the access token.',
      );
    }
    if (url.pathname.startsWith(HTTP_API_PREFIX)) {
      const session = jar.get(SESSION_COOKIE);
      const key =
        url.pathname === HTTP_EVENTS_PATH
          ? url.searchParams.get(HTTP_KEY_PARAM)
          : (req.headers[HTTP_KEY_HEADER] as string | undefined);
      if (!session || !sessionKeys.verify(session, key)) {
        req.resume();
        return send(
          res,
          401,
          'This page has no valid key for the preview. Open the address printed in the terminal again.',
        );
      }
      if (url.pathname === HTTP_EVENTS_PATH) return serveEvents(req, res, connectionFor(session));
      return serveCall(req, res, url.pathname.slice(HTTP_API_PREFIX.length), connectionFor(session));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed.');
    return serveStatic(url.pathname, res);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      logger.log('error', 'preview request failed', { path: req.url?.split('?')[0], ...errorFields(error) });
      if (!res.headersSent) send(res, 500, 'Something went wrong. The details are in the log.');
      else res.end();
    });
  });
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolvePromise());
  });
  port = (server.address() as AddressInfo).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    port,
    token,
    sessionKeys,
    server,
    sessionCount: () => connections.size,
    close: () =>
      new Promise((resolvePromise) => {
        for (const connection of connections.values()) connection.close();
        server.closeAllConnections();
        server.close(() => resolvePromise());
      }),
  };
}
