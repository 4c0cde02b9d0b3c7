import type { Session, WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { resolveAppPage } from '../../../src/main/shell/app-page';
import { contentSecurityPolicy } from '../../../src/shared/content-security-policy';
import {
  guardEveryWebContents,
  hardenSession,
  hardenWebContents,
  withCsp,
} from '../../../src/main/shell/window-security';

type Handler = (...args: unknown[]) => unknown;

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((part) => {
      const [name = '', ...sources] = part.trim().split(/\s+/);
      return [name, sources] as const;
    }),
  );
}

describe('contentSecurityPolicy', () => {
  it('is the strict production policy', () => {
    const policy = directives(contentSecurityPolicy('production'));
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(policy.get('img-src')).toEqual(["'self'", 'data:']);
  });

  it('never allows eval, not even for the dev server', () => {
    for (const mode of ['production', 'development'] as const) {
      expect(contentSecurityPolicy(mode)).not.toContain('unsafe-eval');
    }
    expect(contentSecurityPolicy('production')).not.toMatch(/script-src[^;]*unsafe-inline/);
  });
});

function fakeContents() {
  const handlers = new Map<string, Handler>();
  let windowOpenHandler: Handler | undefined;
  const contents = {
    on(event: string, handler: Handler) {
      handlers.set(event, handler);
      return contents;
    },
    setWindowOpenHandler(handler: Handler) {
      windowOpenHandler = handler;
    },
  };
  return {
    contents: contents as unknown as WebContents,
    fire(event: string, url: string): boolean {
      const preventDefault = vi.fn();
      const handler = handlers.get(event);
      if (!handler) throw new Error(`no ${event} handler`);
      handler({ url, preventDefault });
      return preventDefault.mock.calls.length > 0;
    },
    openWindow(url: string): unknown {
      if (!windowOpenHandler) throw new Error('no window open handler');
      return windowOpenHandler({ url });
    },
  };
}

describe('hardenWebContents', () => {
  const page = resolveAppPage({ devServerUrl: undefined, rendererIndexHtml: '/app/out/renderer/index.html' });

  it('blocks navigation and redirects away from the app page', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents, page);
    for (const event of ['will-navigate', 'will-redirect']) {
      expect(fake.fire(event, 'https://evil.example/')).toBe(true);
      expect(fake.fire(event, 'file:///etc/passwd')).toBe(true);
      expect(fake.fire(event, 'javascript:alert(1)')).toBe(true);
      expect(fake.fire(event, 'file:///app/out/renderer/index.html#/patients')).toBe(false);
    }
  });

  it('refuses webviews and new windows', () => {
    const fake = fakeContents();
    hardenWebContents(fake.contents, page);
    expect(fake.fire('will-attach-webview', '')).toBe(true);
    expect(fake.openWindow('https://example.org/')).toEqual({ action: 'deny' });
    expect(fake.openWindow('file:///app/out/renderer/index.html')).toEqual({ action: 'deny' });
  });

  it('hands only https and mailto links to the system, never opening them in the app', () => {
    const fake = fakeContents();
    const openExternal = vi.fn(() => Promise.resolve());
    hardenWebContents(fake.contents, page, openExternal);
    for (const url of ['https://clinic.example/help', 'mailto:it@clinic.example']) {
      expect(fake.openWindow(url)).toEqual({ action: 'deny' });
    }
    for (const url of [
      'http://clinic.example/',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'ms-msdt:/id',
      'https://user:pw@evil.example/',
      'not a url',
    ]) {
      expect(fake.openWindow(url)).toEqual({ action: 'deny' });
    }
    expect(openExternal.mock.calls).toEqual([['https://clinic.example/help'], ['mailto:it@clinic.example']]);
  });
});

describe('hardenSession', () => {
  function fakeSession() {
    const captured: {
      request?: Handler;
      check?: Handler;
      device?: Handler;
      headers?: Handler;
    } = {};
    const session = {
      setPermissionRequestHandler: (h: Handler) => (captured.request = h),
      setPermissionCheckHandler: (h: Handler) => (captured.check = h),
      setDevicePermissionHandler: (h: Handler) => (captured.device = h),
      webRequest: { onHeadersReceived: (h: Handler) => (captured.headers = h) },
    };
    return { session: session as unknown as Session, captured };
  }

  it('denies every permission request and check', () => {
    const { session, captured } = fakeSession();
    hardenSession(session, contentSecurityPolicy());
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      const callback = vi.fn();
      captured.request?.({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(captured.check?.({}, permission, 'file://', {})).toBe(false);
    }
    expect(captured.device?.({ deviceType: 'usb' })).toBe(false);
  });

  it('puts our policy on every response, replacing the server one', () => {
    const { session, captured } = fakeSession();
    const csp = contentSecurityPolicy();
    hardenSession(session, csp);
    const callback = vi.fn();
    captured.headers?.(
      { responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] } },
      callback,
    );
    expect(callback).toHaveBeenCalledWith({
      responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [csp] },
    });
  });

  it('adds the policy when the response had no headers', () => {
    expect(withCsp(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });
});

describe('guardEveryWebContents', () => {
  const page = resolveAppPage({ devServerUrl: undefined, rendererIndexHtml: '/app/out/renderer/index.html' });

  it('guards every webContents the app creates, the hidden PDF window included', () => {
    let created: Handler | undefined;
    const app = {
      on: (event: string, handler: Handler) => {
        if (event === 'web-contents-created') created = handler;
        return app;
      },
    };
    guardEveryWebContents(app as unknown as Pick<Electron.App, 'on'>, page);
    const pdfWindow = fakeContents();
    created?.({}, pdfWindow.contents);
    // A report's <meta http-equiv="refresh" content="0;url=https://evil.example/">.
    expect(pdfWindow.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(pdfWindow.fire('will-navigate', 'data:text/html,<h1>x</h1>')).toBe(true);
    expect(pdfWindow.openWindow('https://example.org/')).toEqual({ action: 'deny' });
  });
});
