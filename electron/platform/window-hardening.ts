/**
 * Electron's security checklist as plain functions over the few window and session methods they
 * use, so each rule is unit-tested with a recording stand-in (no Electron binary needed).
 */
import type { Session, WebContents } from 'electron';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://signet`;

/** Checklist #2–4, #6, #8–11: no Node, isolated, sandboxed, web security on, no webview. */
export function secureWebPreferences(preload: string): Electron.WebPreferences {
  return {
    preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    spellcheck: false,
  };
}

/** Only http(s) links leave the app, and only to the system browser (checklist #13–15). */
export function isExternalLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

const isAppPage = (url: string) => url.startsWith(`${APP_ORIGIN}/`);

/** What `guardNavigation` uses of a WebContents. */
export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Checklist #13–14: the window never leaves the app origin (navigation and redirects off it are
 * cancelled), never opens a new window (http(s) links go to the system browser instead), and
 * never attaches a webview.
 */
export function guardNavigation(contents: GuardedContents, openExternal: (url: string) => unknown) {
  contents.on('will-navigate', (event, url) => {
    if (!isAppPage(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppPage(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalLink(url)) void openExternal(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Checklist #5: the renderer needs no permission (camera, notifications, ...): every request and check is refused. */
export function denyPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>) {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
