import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Handler = () => void;

const electron = vi.hoisted(() => {
  const state = {
    supported: true,
    shown: [] as Array<{ title: string; body: string; click?: Handler; close?: Handler }>,
    trays: [] as Array<{
      icon: unknown;
      menu: MenuItemConstructorOptions[];
      click?: Handler;
      tooltip?: string;
    }>,
  };
  class Notification {
    static isSupported = () => state.supported;
    private readonly handlers = new Map<string, Handler>();
    constructor(private readonly options: { title: string; body: string }) {}
    on(event: string, handler: Handler) {
      this.handlers.set(event, handler);
    }
    show() {
      const click = this.handlers.get('click');
      const close = this.handlers.get('close');
      state.shown.push({ ...this.options, ...(click ? { click } : {}), ...(close ? { close } : {}) });
    }
  }
  class Tray {
    private readonly record: (typeof state.trays)[number];
    constructor(icon: unknown) {
      this.record = { icon, menu: [] };
      state.trays.push(this.record);
    }
    setToolTip(text: string) {
      this.record.tooltip = text;
    }
    setContextMenu(menu: MenuItemConstructorOptions[]) {
      this.record.menu = menu;
    }
    on(event: string, handler: Handler) {
      if (event === 'click') this.record.click = handler;
    }
  }
  return {
    state,
    Notification,
    Tray,
    Menu: { buildFromTemplate: (template: MenuItemConstructorOptions[]) => template },
    nativeImage: { createFromPath: (path: string) => ({ path }) },
  };
});

vi.mock('electron', () => ({
  Notification: electron.Notification,
  Tray: electron.Tray,
  Menu: electron.Menu,
  nativeImage: electron.nativeImage,
}));

const { createDesktopNotifier } = await import('../../../src/main/shell/notifier');
const { createTray } = await import('../../../src/main/shell/tray');

beforeEach(() => {
  electron.state.supported = true;
  electron.state.shown.length = 0;
  electron.state.trays.length = 0;
});

describe('desktop notifier', () => {
  it('shows a notification that opens the app when clicked', () => {
    const onClick = vi.fn();
    createDesktopNotifier({ onClick }).notify('Export finished', 'patients.csv is ready.');
    expect(electron.state.shown).toHaveLength(1);
    expect(electron.state.shown[0]).toMatchObject({
      title: 'Export finished',
      body: 'patients.csv is ready.',
    });
    electron.state.shown[0]?.click?.();
    expect(onClick).toHaveBeenCalledOnce();
  });

  it('holds each notification until it is clicked or closed, so a late click still works', () => {
    // Electron drops a Notification that nothing refers to, and its click with it.
    const notifier = createDesktopNotifier({ onClick: vi.fn() });
    notifier.notify('Export finished', 'a.csv is ready.');
    notifier.notify('Backup failed', 'See Settings.');
    expect(notifier.liveCount()).toBe(2);
    electron.state.shown[0]?.click?.();
    expect(notifier.liveCount()).toBe(1);
    electron.state.shown[1]?.close?.();
    expect(notifier.liveCount()).toBe(0);
  });

  it('does nothing where the OS has no notifications', () => {
    electron.state.supported = false;
    createDesktopNotifier().notify('Title', 'Body');
    expect(electron.state.shown).toHaveLength(0);
  });
});

describe('tray', () => {
  it('offers Open and Quit from the tray icon', () => {
    const onOpen = vi.fn();
    const onQuit = vi.fn();
    createTray({ iconPath: '/app/resources/tray.png', onOpen, onQuit });

    const tray = electron.state.trays[0];
    expect(tray?.icon).toEqual({ path: '/app/resources/tray.png' });
    const items = tray?.menu.filter((item) => item.type !== 'separator') ?? [];
    expect(items.map((item) => item.label)).toEqual(['Open Clinic Desk', 'Quit']);

    const click = (label: string): void => {
      const item = items.find((candidate) => candidate.label === label);
      (item?.click as (() => void) | undefined)?.();
    };
    click('Open Clinic Desk');
    expect(onOpen).toHaveBeenCalledOnce();
    expect(onQuit).not.toHaveBeenCalled();
    click('Quit');
    expect(onQuit).toHaveBeenCalledOnce();

    tray?.click?.();
    expect(onOpen).toHaveBeenCalledTimes(2);
  });
});
