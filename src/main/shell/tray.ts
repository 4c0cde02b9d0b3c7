import { Menu, Tray, nativeImage } from 'electron';

export interface TrayOptions {
  iconPath: string;
  onOpen: () => void;
  onQuit: () => void;
}

/**
 * Reminders and reports run in the main process, so closing the window only hides it; the tray
 * is how staff bring it back or really quit.
 */
export function createTray(options: TrayOptions): Tray {
  const tray = new Tray(nativeImage.createFromPath(options.iconPath));
  tray.setToolTip('Clinic Desk');
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Open Clinic Desk', click: options.onOpen },
      { type: 'separator' },
      { label: 'Quit', click: options.onQuit },
    ]),
  );
  // Windows and most Linux trays open the menu on right click only; left click should open the app.
  tray.on('click', options.onOpen);
  return tray;
}
