import { Notification } from 'electron';
import type { NotificationKind } from '../contract/domains/settings.js';
import type { Notice } from './notification-rules.js';

export interface NotifierOptions {
  /** True while a Berth window has the focus: the page shows the outcome itself then. */
  windowFocused(): boolean;
  /** The notification settings (each kind switchable). */
  enabled(kind: NotificationKind): boolean;
  /** Shows the window at this page. */
  open(route: string): void;
  log(line: string): void;
}

/** Shows a notice as a system notification when its kind is on and no Berth window has the focus; a click opens its page. */
export function createNotifier(o: NotifierOptions): (notice: Notice) => boolean {
  return (notice) => {
    if (!o.enabled(notice.kind) || o.windowFocused()) return false;
    if (!Notification.isSupported()) {
      o.log(`notification (not supported here): ${notice.title}`);
      return false;
    }
    const n = new Notification({ title: notice.title, body: notice.body });
    n.on('click', () => o.open(notice.route));
    n.show();
    return true;
  };
}
