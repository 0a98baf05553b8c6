/** The main window, locked down per Electron's security checklist (rules in platform/window-hardening). */
import { BrowserWindow, shell } from 'electron';
import { APP_ORIGIN, guardNavigation, secureWebPreferences } from './platform/window-hardening';

export { APP_ORIGIN, APP_SCHEME, isExternalLink } from './platform/window-hardening';

export function createMainWindow(preload: string): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Signet',
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    webPreferences: secureWebPreferences(preload),
  });
  guardNavigation(window.webContents, (url) => shell.openExternal(url));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
  return window;
}
