import { Notification } from 'electron';

/** What job code needs to tell the person at the desk something; Electron-free for the core. */
export interface Notifier {
  notify(title: string, body: string): void;
}

/**
 * Desktop notifications through the OS. Where the OS has no notification service (some Linux
 * desktops) the message is simply dropped: the same information is always in the app itself.
 */
export function createDesktopNotifier(options: { onClick?: () => void } = {}): Notifier {
  return {
    notify(title, body) {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title, body });
      if (options.onClick) notification.on('click', options.onClick);
      notification.show();
    },
  };
}
