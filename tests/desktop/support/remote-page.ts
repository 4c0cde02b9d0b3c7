import type { Locator } from 'playwright-core';

/** One Playwright call: the method's name and its arguments, as sent to the stand-in. */
export type PageCall = [method: string, args: unknown[]];

/** Node's IPC channel carries JSON: a RegExp goes as `{ __regex: [source, flags] }` (revived there). */
function wire(value: unknown): unknown {
  if (value instanceof RegExp) return { __regex: [value.source, value.flags] };
  if (Array.isArray(value)) return value.map(wire);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, wire(item)]));
  }
  return value;
}

/**
 * A Playwright locator on a desktop window whose page lives in the app's process (the Electron
 * stand-in drives it): each action sends the chain of calls that leads to it, and the stand-in
 * replays them on the real page (`op: 'page'` in electron-stand-in/electron.mjs). Offers the
 * part of Playwright's Locator the desktop tests use, with Playwright's own parameter types.
 */
export class RemoteLocator {
  constructor(
    private readonly send: (chain: PageCall[]) => Promise<unknown>,
    private readonly chain: readonly PageCall[] = [],
  ) {}

  private step(method: string, args: unknown[]): RemoteLocator {
    return new RemoteLocator(this.send, [...this.chain, [method, args.map(wire)]]);
  }

  private act<T>(method: string, args: unknown[] = []): Promise<T> {
    return this.send([...this.chain, [method, args.map(wire)]]) as Promise<T>;
  }

  getByRole(...args: Parameters<Locator['getByRole']>): RemoteLocator {
    return this.step('getByRole', args);
  }
  getByLabel(...args: Parameters<Locator['getByLabel']>): RemoteLocator {
    return this.step('getByLabel', args);
  }
  getByText(...args: Parameters<Locator['getByText']>): RemoteLocator {
    return this.step('getByText', args);
  }
  locator(selector: string): RemoteLocator {
    return this.step('locator', [selector]);
  }
  filter(options: { hasText?: string | RegExp; hasNotText?: string | RegExp }): RemoteLocator {
    return this.step('filter', [options]);
  }
  first(): RemoteLocator {
    return this.step('first', []);
  }
  nth(index: number): RemoteLocator {
    return this.step('nth', [index]);
  }

  click(): Promise<void> {
    return this.act('click');
  }
  fill(value: string): Promise<void> {
    return this.act('fill', [value]);
  }
  waitFor(options?: Parameters<Locator['waitFor']>[0]): Promise<void> {
    return this.act('waitFor', options ? [options] : []);
  }
  innerText(): Promise<string> {
    return this.act('innerText');
  }
  textContent(): Promise<string | null> {
    return this.act('textContent');
  }
  count(): Promise<number> {
    return this.act('count');
  }
  isVisible(): Promise<boolean> {
    return this.act('isVisible');
  }
}
