import type { BrowserWindow, Rectangle, Screen } from 'electron';

/** Where the main window was, kept per PC (electron-store), never in the clinic's database. */
export interface WindowState {
  bounds: Rectangle;
  maximized: boolean;
  displayId?: number;
}

export interface DisplayArea {
  id: number;
  workArea: Rectangle;
}

/** How much of the title bar must be on a screen for the window to be reachable there. */
const MIN_VISIBLE = { width: 120, height: 40 };

function visibleOn(bounds: Rectangle, area: Rectangle): boolean {
  const left = Math.max(bounds.x, area.x);
  const right = Math.min(bounds.x + bounds.width, area.x + area.width);
  const top = Math.max(bounds.y, area.y);
  const bottom = Math.min(bounds.y + Math.min(bounds.height, MIN_VISIBLE.height), area.y + area.height);
  return right - left >= MIN_VISIBLE.width && bottom - top >= Math.min(MIN_VISIBLE.height, bounds.height);
}

/**
 * The bounds to open the window with: the saved ones when their title bar is still on a screen
 * that is plugged in (a laptop taken off its second monitor must not open the window off-screen),
 * otherwise none, so the window opens centred at its default size. Maximised state is kept.
 */
export function restorableWindow(
  saved: WindowState | undefined,
  displays: readonly DisplayArea[],
): { bounds: Rectangle | undefined; maximized: boolean } {
  if (!saved) return { bounds: undefined, maximized: false };
  const preferred = displays.filter((display) => display.id === saved.displayId);
  const candidates = preferred.length > 0 ? preferred : displays;
  const onScreen = candidates.some((display) => visibleOn(saved.bounds, display.workArea));
  return { bounds: onScreen ? saved.bounds : undefined, maximized: saved.maximized };
}

/** What to remember of `window` as it closes: its normal (un-maximised) bounds and its screen. */
export function currentWindowState(
  window: Pick<BrowserWindow, 'getNormalBounds' | 'isMaximized'>,
  screen: Pick<Screen, 'getDisplayMatching'>,
): WindowState {
  const bounds = window.getNormalBounds();
  return { bounds, maximized: window.isMaximized(), displayId: screen.getDisplayMatching(bounds).id };
}
