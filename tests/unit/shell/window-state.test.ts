import { describe, expect, it } from 'vitest';
import { currentWindowState, restorableWindow } from '../../../src/main/shell/window-state';

const laptop = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
const monitor = { id: 2, workArea: { x: 1920, y: 0, width: 2560, height: 1400 } };

describe('window placement per PC', () => {
  it('opens centred at the default size the first time', () => {
    expect(restorableWindow(undefined, [laptop])).toEqual({ bounds: undefined, maximized: false });
  });

  it('reopens where it was, on the same screen, maximised if it was', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 1400, height: 900 }, maximized: true, displayId: 2 };
    expect(restorableWindow(saved, [laptop, monitor])).toEqual({ bounds: saved.bounds, maximized: true });
  });

  it('does not open off-screen when the second monitor is gone', () => {
    const saved = { bounds: { x: 2000, y: 100, width: 1400, height: 900 }, maximized: false, displayId: 2 };
    expect(restorableWindow(saved, [laptop])).toEqual({ bounds: undefined, maximized: false });
  });

  it('refuses bounds whose title bar is off every screen', () => {
    const saved = { bounds: { x: 100, y: -2000, width: 1280, height: 820 }, maximized: false };
    expect(restorableWindow(saved, [laptop]).bounds).toBeUndefined();
  });

  it('remembers the normal bounds, the maximised state and the screen', () => {
    const window = {
      getNormalBounds: () => ({ x: 10, y: 20, width: 1280, height: 820 }),
      isMaximized: () => true,
    };
    const screen = { getDisplayMatching: () => ({ id: 7 }) as Electron.Display };
    expect(currentWindowState(window, screen)).toEqual({
      bounds: { x: 10, y: 20, width: 1280, height: 820 },
      maximized: true,
      displayId: 7,
    });
  });
});
