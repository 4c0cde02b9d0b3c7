import { describe, expect, it } from 'vitest';
import { isAppPageUrl, resolveAppPage } from '../../../src/main/shell/app-page';

describe('app page in production (file://)', () => {
  const page = resolveAppPage({
    devServerUrl: undefined,
    rendererIndexHtml: '/opt/Clinic Desk/out/renderer/index.html',
  });

  it('is the bundled index.html', () => {
    expect(page).toMatchObject({ kind: 'file', url: 'file:///opt/Clinic%20Desk/out/renderer/index.html' });
  });

  it('accepts only that file, with any route', () => {
    expect(isAppPageUrl('file:///opt/Clinic%20Desk/out/renderer/index.html', page)).toBe(true);
    expect(isAppPageUrl('file:///opt/Clinic%20Desk/out/renderer/index.html#/appointments?day=1', page)).toBe(
      true,
    );
    expect(isAppPageUrl('file:///opt/Clinic%20Desk/out/renderer/other.html', page)).toBe(false);
    expect(isAppPageUrl('file:///tmp/index.html', page)).toBe(false);
    expect(isAppPageUrl('file://evil-host/opt/Clinic%20Desk/out/renderer/index.html', page)).toBe(false);
    expect(isAppPageUrl('https://example.org/opt/Clinic%20Desk/out/renderer/index.html', page)).toBe(false);
    expect(isAppPageUrl('about:blank', page)).toBe(false);
    expect(isAppPageUrl('not a url', page)).toBe(false);
    expect(isAppPageUrl('', page)).toBe(false);
    expect(isAppPageUrl(null, page)).toBe(false);
  });
});

describe('app page in development (dev server)', () => {
  const page = resolveAppPage({ devServerUrl: 'http://localhost:5173/', rendererIndexHtml: '/unused' });

  it('accepts the dev server origin only', () => {
    expect(isAppPageUrl('http://localhost:5173/', page)).toBe(true);
    expect(isAppPageUrl('http://localhost:5173/#/patients', page)).toBe(true);
    expect(isAppPageUrl('http://localhost:5174/', page)).toBe(false);
    expect(isAppPageUrl('https://localhost:5173/', page)).toBe(false);
    expect(isAppPageUrl('http://localhost.evil.example:5173/', page)).toBe(false);
    expect(isAppPageUrl('file:///opt/app/out/renderer/index.html', page)).toBe(false);
  });

  it('refuses a dev server URL that is not http(s)', () => {
    expect(() =>
      resolveAppPage({ devServerUrl: 'file:///tmp/x.html', rendererIndexHtml: '/unused' }),
    ).toThrow();
  });
});
