import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../../../src/main/core/logger';
import { MAX_SESSIONS, startPreviewServer, type PreviewServer } from '../../../src/main/web/server';
import { tempCore, tempDir, type TempCore } from '../../support/temp-core';

const logged: { level: string; message: string; fields?: unknown }[] = [];
const recording: Logger = {
  log: (level, message, fields) => {
    logged.push({ level, message, fields });
  },
};

describe('browser preview server', () => {
  let t: TempCore;
  let preview: PreviewServer;
  let base: string;
  beforeAll(async () => {
    t = await tempCore({ demo: true });
    const rendererDir = tempDir('clinic-desk-renderer-');
    mkdirSync(join(rendererDir, 'assets'));
    writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Clinic Desk</title>');
    writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    preview = await startPreviewServer({ core: t.core, rendererDir, logger: recording, port: 0 });
    base = `http://127.0.0.1:${preview.port}`;
  });
  afterAll(async () => {
    await preview.close();
    t.cleanup();
  });

  /** Trades the token like a browser: the access cookie, then the session cookie and its key. */
  const enterSession = async () => {
    const res = await fetch(preview.url, { redirect: 'manual' });
    expect(res.status).toBe(303);
    const cookies = res.headers.getSetCookie();
    for (const cookie of cookies) expect(cookie).toMatch(/HttpOnly; SameSite=Strict/);
    const jar = cookies.map((c) => c.split(';')[0] ?? '');
    const key = /#cd-key=([A-Za-z0-9_-]+)$/.exec(res.headers.get('location') ?? '')?.[1] ?? '';
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    return { access: jar[0] ?? '', both: jar.join('; '), key };
  };
  const enter = async () => (await enterSession()).access;

  it('listens on 127.0.0.1 only and prints an address with a long random token', () => {
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{32}$/);
    expect(preview.server.address()).toMatchObject({ address: '127.0.0.1' });
  });

  it('refuses everything without the token, and a wrong token', async () => {
    expect((await fetch(`${base}/`)).status).toBe(401);
    expect((await fetch(`${base}/assets/app.js`)).status).toBe(401);
    expect((await fetch(`${base}/api/patients/list`, { method: 'POST', body: '{}' })).status).toBe(401);
    expect((await fetch(`${base}/?token=wrong`, { redirect: 'manual' })).status).toBe(401);
    expect((await fetch(`${base}/`, { headers: { cookie: 'cd_access=guess' } })).status).toBe(401);
  });

  it('trades the token for a cookie, then serves the app with its CSP', async () => {
    const access = await enter();
    const page = await fetch(`${base}/`, { headers: { cookie: access } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Clinic Desk</title>');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('content-security-policy')).not.toContain('unsafe-eval');
    const spaRoute = await fetch(`${base}/patients`, { headers: { cookie: access } });
    expect(await spaRoute.text()).toContain('Clinic Desk');
    expect((await fetch(`${base}/assets/missing.js`, { headers: { cookie: access } })).status).toBe(404);
    for (const sneaky of [
      '/..%2f..%2f..%2fetc%2fpasswd',
      '/assets/..%2f..%2f..%2fetc%2fhosts',
      '/%2e%2e/%2e%2e/etc/passwd',
    ]) {
      const res = await fetch(`${base}${sneaky}`, { headers: { cookie: access } });
      const body = await res.text();
      expect(body).not.toMatch(/root:|localhost/);
    }
  });

  it('refuses a foreign Host header (DNS rebinding) and cross-origin calls', async () => {
    const access = await enter();
    // fetch() will not forge a Host header, so speak HTTP directly.
    const rebound = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: preview.port,
          path: '/',
          headers: { cookie: access, host: 'evil.example' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(rebound).toBe(403);
    const session = await enterSession();
    const cross = await fetch(`${base}/api/auth/session`, {
      method: 'POST',
      headers: { cookie: session.both, 'x-clinic-desk-key': session.key, origin: 'http://evil.example' },
      body: '{}',
    });
    expect(cross.status).toBe(403);
  });

  it('carries the contract: one session per browser, typed results, readable errors', async () => {
    const { access, both, key } = await enterSession();
    const call = async (channel: string, body: string, cookie: string, withKey = key) => {
      const res = await fetch(`${base}/api/${channel}`, {
        method: 'POST',
        headers: { cookie, 'x-clinic-desk-key': withKey },
        body,
      });
      return { res, json: (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string } } };
    };
    const first = await call(
      'auth/login',
      JSON.stringify({ username: 'reception', password: 'demo-reception' }),
      both,
    );
    expect(first.json).toMatchObject({ ok: true, value: { role: 'reception' } });
    const list = await call('patients/list', '{"limit":5}', both);
    expect(list.json).toMatchObject({ ok: true, value: { total: 400 } });
    // Another browser (its own session and key) is not signed in.
    const other = await enterSession();
    expect((await call('patients/list', '{}', other.both, other.key)).json).toMatchObject({
      ok: false,
      error: { code: 'unauthenticated' },
    });
    expect((await call('patients/list', '{not json', both)).res.status).toBe(400);
    expect((await call('patients/drop', '{}', both)).json).toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
    const huge = await call('patients/list', JSON.stringify({ query: 'x'.repeat(2 * 1024 * 1024) }), both);
    expect(huge.res.status).toBe(413);
    expect(access).toMatch(/^cd_access=/);
  });

  /** Raw HTTP, so the Host and Origin headers can be what a browser at localhost sends. */
  const raw = (options: { path: string; method?: string; headers: Record<string, string>; body?: string }) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: preview.port,
          path: options.path,
          method: options.method ?? 'GET',
          headers: options.headers,
        },
        (res) => {
          let body = '';
          res.setEncoding('utf8').on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on('error', reject);
      req.end(options.body);
    });

  it('a replayed cookie jar gets 401 without the page key, on calls and on the event stream (issue 9, item 5)', async () => {
    const { both, key } = await enterSession();
    const login = JSON.stringify({ username: 'admin', password: 'demo-admin' });
    const post = (headers: Record<string, string>, channel = 'auth/login', body = login) =>
      fetch(`${base}/api/${channel}`, { method: 'POST', headers: { cookie: both, ...headers }, body });
    expect((await post({})).status).toBe(401);
    expect((await post({ 'x-clinic-desk-key': 'A'.repeat(43) })).status).toBe(401);
    expect((await post({ 'x-clinic-desk-key': key.slice(1) })).status).toBe(401);
    expect((await fetch(`${base}/api/events`, { headers: { cookie: both } })).status).toBe(401);
    // Another session's key does not open this one.
    const other = await enterSession();
    expect((await post({ 'x-clinic-desk-key': other.key })).status).toBe(401);
    const right = await post({ 'x-clinic-desk-key': key });
    expect(await right.json()).toMatchObject({ ok: true, value: { role: 'admin' } });
    expect((await post({}, 'patients/list', '{}')).status).toBe(401);
    const events = await fetch(`${base}/api/events?key=${key}`, { headers: { cookie: both } });
    expect(events.status).toBe(200);
    await events.body?.cancel();
  });

  it('works the same when opened as localhost: same-origin calls are not refused (issue 9, item 5)', async () => {
    const host = `localhost:${preview.port}`;
    const entered = await raw({ path: `/?token=${preview.token}`, headers: { host } });
    expect(entered.status).toBe(303);
    const { both, key } = await enterSession();
    const answer = await raw({
      path: '/api/auth/login',
      method: 'POST',
      headers: {
        host,
        origin: `http://${host}`,
        cookie: both,
        'x-clinic-desk-key': key,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ username: 'reception', password: 'demo-reception' }),
    });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: true });
    const crossed = await raw({
      path: '/api/auth/session',
      method: 'POST',
      headers: { host, origin: `http://127.0.0.1:${preview.port}`, cookie: both, 'x-clinic-desk-key': key },
      body: '{}',
    });
    expect(crossed.status).toBe(403);
  });

  it('requests without a session hold no connection, and sessions are bounded (issue 9, item 6)', async () => {
    const access = await enter();
    const before = preview.sessionCount();
    for (let i = 0; i < 300; i++) {
      const res = await fetch(`${base}/api/auth/session`, {
        method: 'POST',
        headers: { cookie: access },
        body: '{}',
      });
      expect(res.status).toBe(401);
    }
    expect(preview.sessionCount()).toBe(before);
    for (let i = 0; i < MAX_SESSIONS + 20; i++) {
      const { both, key } = await enterSession();
      await fetch(`${base}/api/auth/session`, {
        method: 'POST',
        headers: { cookie: both, 'x-clinic-desk-key': key },
        body: '{}',
      });
    }
    expect(preview.sessionCount()).toBe(MAX_SESSIONS);
  });

  it('a cookie with bad %-encoding gets 400, and the log holds no stack (issue 9, item 6)', async () => {
    const access = await enter();
    for (const path of ['/', '/api/auth/session']) {
      const res = await raw({
        path,
        method: 'POST',
        headers: { host: `127.0.0.1:${preview.port}`, cookie: `${access}; x=%E0%A4%A` },
      });
      expect(res.status).toBe(400);
      expect(res.body).toBe('The request carried a cookie that is not valid.');
    }
    expect(JSON.stringify(logged)).not.toMatch(/\n\s+at |stack|URIError/);
    expect(logged.map((l) => l.message)).toContain('preview request refused: malformed cookie');
  });

  it('the throttle holds over real HTTP: 40 parallel guesses, three checked (issue 9, item 3)', async () => {
    const { both, key } = await enterSession();
    const guess = () =>
      fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { cookie: both, 'x-clinic-desk-key': key },
        body: JSON.stringify({ username: 'dr.fernandez', password: 'a wrong guess' }),
      }).then(async (r) => ((await r.json()) as { error?: { code: string } }).error?.code);
    const codes = await Promise.all(Array.from({ length: 40 }, guess));
    expect(codes.filter((c) => c === 'invalid_credentials')).toHaveLength(3);
    expect(codes.filter((c) => c === 'too_many_attempts')).toHaveLength(37);
  });
});
