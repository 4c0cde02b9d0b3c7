import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/main/core/logger';
import { startPreviewServer, type PreviewServer } from '../../../src/main/web/server';
import { tempCore, tempDir, type TempCore } from '../../support/temp-core';

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
    preview = await startPreviewServer({ core: t.core, rendererDir, logger: silentLogger, port: 0 });
    base = `http://127.0.0.1:${preview.port}`;
  });
  afterAll(async () => {
    await preview.close();
    t.cleanup();
  });

  const enter = async () => {
    const res = await fetch(preview.url, { redirect: 'manual' });
    expect(res.status).toBe(303);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly; SameSite=Strict/);
    return cookie.split(';')[0] ?? '';
  };

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
    const cross = await fetch(`${base}/api/auth/session`, {
      method: 'POST',
      headers: { cookie: access, origin: 'http://evil.example' },
      body: '{}',
    });
    expect(cross.status).toBe(403);
  });

  it('carries the contract: one session per browser, typed results, readable errors', async () => {
    const access = await enter();
    const call = async (channel: string, body: string, cookie: string) => {
      const res = await fetch(`${base}/api/${channel}`, { method: 'POST', headers: { cookie }, body });
      return { res, json: (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string } } };
    };
    const first = await call(
      'auth/login',
      JSON.stringify({ username: 'reception', password: 'demo-reception' }),
      access,
    );
    expect(first.json).toMatchObject({ ok: true, value: { role: 'reception' } });
    const sessionCookie = (first.res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(sessionCookie).toMatch(/^cd_session=/);
    const both = `${access}; ${sessionCookie}`;
    const list = await call('patients/list', '{"limit":5}', both);
    expect(list.json).toMatchObject({ ok: true, value: { total: 400 } });
    // Another browser (no session cookie) is not signed in.
    expect((await call('patients/list', '{}', access)).json).toMatchObject({
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
  });
});
