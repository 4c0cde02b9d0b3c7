import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, watchPage, type PageProblems } from './support/browser';
import { pageKeyHeader, startPreview, type Preview } from './support/preview';

/**
 * Issue 9, item 5: browsers scope cookies by host, not port, so a page served from another port
 * of 127.0.0.1 receives the preview's cookies. Replaying them with a plain HTTP client must read
 * nothing: /api needs the page's own key, which no cookie carries.
 */
describe('browser preview: a session does not ride to other local ports', () => {
  let preview: Preview;
  let browser: Browser;
  let page: Page;
  let problems: PageProblems;
  let other: Server;
  let stolen = '';

  beforeAll(async () => {
    other = createServer((req, res) => {
      stolen = req.headers.cookie ?? '';
      res.end('<!doctype html><title>Another local page</title>');
    });
    await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
    [preview, browser] = await Promise.all([startPreview({ demo: true }), launchBrowser()]);
    page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(20_000);
    problems = watchPage(page);
  });
  afterAll(async () => {
    await browser?.close();
    await preview?.stop();
    await new Promise<void>((resolve) => other.close(() => resolve()));
  });

  it('the admin signs in; the key leaves the address bar', async () => {
    await page.goto(preview.url);
    await page.getByRole('button', { name: 'Use admin' }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(page.url()).not.toContain('cd-key');
    expect(page.url()).not.toContain('token');
    expect(problems.errors).toEqual([]);
  });

  it('another port receives the cookies, and replaying them gets 401', async () => {
    const port = (other.address() as AddressInfo).port;
    const thief = await page.context().newPage();
    await thief.goto(`http://127.0.0.1:${port}/`);
    expect(stolen).toMatch(/cd_access=/);
    expect(stolen).toMatch(/cd_session=/);
    for (const channel of ['patients/list', 'staff/list', 'auth/session']) {
      const replay = await fetch(`${preview.origin}/api/${channel}`, {
        method: 'POST',
        headers: { cookie: stolen, 'content-type': 'application/json' },
        body: '{}',
      });
      expect(replay.status).toBe(401);
      expect(await replay.text()).not.toMatch(/"ok":true/);
    }
    const events = await fetch(`${preview.origin}/api/events`, { headers: { cookie: stolen } });
    expect(events.status).toBe(401);
    // The page itself, holding its key, still works (the key is what was missing).
    const withKey = await fetch(`${preview.origin}/api/auth/session`, {
      method: 'POST',
      headers: { cookie: stolen, ...(await pageKeyHeader(page)) },
      body: '{}',
    });
    expect(await withKey.json()).toMatchObject({ ok: true, value: { username: 'admin' } });
  });

  it('opened as localhost, the preview works the same', async () => {
    const local = await (await browser.newContext()).newPage();
    local.setDefaultTimeout(20_000);
    await local.goto(preview.url.replace('127.0.0.1', 'localhost'));
    await local.getByRole('button', { name: 'Use reception' }).click();
    await local.getByRole('button', { name: 'Sign in', exact: true }).click();
    await local.getByRole('button', { name: 'Sign out' }).waitFor();
    await local
      .getByRole('navigation', { name: 'Main menu' })
      .getByRole('link', { name: 'Patients' })
      .click();
    await local.getByRole('table', { name: 'Patients' }).locator('tbody tr').first().waitFor();
  });
});
