import { Notification } from 'electron';

/** What job code needs to tell the person at the desk something; Electron-free for the core. */
export interface Notifier {
  notify(title: string, body: string): void;
}

export interface DesktopNotifier extends Notifier {
  /** How many notifications are still on screen (held so their click still works). */
  liveCount(): number;
}

/**
 * Desktop notifications through the OS. Where the OS has no notification service (some Linux
 * desktops) the message is simply dropped: the same information is always in the app itself.
 *
 * Each notification is held until it is clicked, closed or failed: a `Notification` that only a
 * local variable refers to is garbage-collected while still on screen, and its click then does
 * nothing.
 */
export function createDesktopNotifier(options: { onClick?: () => void } = {}): DesktopNotifier {
  const live = new Set<Notification>();
  return {
    notify(title, body) {
      if (!Notification.isSupported()) return;
      const notification = new Notification({ title, body });
      live.add(notification);
      const release = (): void => {
        live.delete(notification);
      };
      notification.on('click', () => {
        release();
        options.onClick?.();
      });
      notification.on('close', release);
      notification.on('failed', release);
      notification.show();
    },
    liveCount: () => live.size,
  };
}
