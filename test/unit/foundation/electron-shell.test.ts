// The thin Electron glue that can be checked without the binary: sender validation, asset serving,
// window hardening, the safeStorage key store. Each is our own function over a few Electron methods,
// driven here by recording stand-ins; nothing imports Electron at run time.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, loadAsset, resolveAsset } from '../../../electron/host/assets';
import { INVOKE_CHANNEL, isTrustedSender, serveOverIpc } from '../../../electron/ipc';
import { safeStorageKeyStore, type SafeStoragePort } from '../../../electron/platform/safe-storage';
import {
  denyPermissions,
  guardNavigation,
  isExternalLink,
  secureWebPreferences,
  type GuardedContents,
} from '../../../electron/platform/window-hardening';
import { createTestBackend } from '../../harness/services';
import { tempFolder } from '../../harness/temp';

const ORIGIN = 'app://signet';

describe('IPC sender validation', () => {
  const frame = (url: string, parent: unknown = null) => ({ url, parent }) as never;

  it('trusts only the main frame of the app origin', () => {
    expect(isTrustedSender(frame('app://signet/index.html'), ORIGIN)).toBe(true);
    expect(isTrustedSender(frame('app://signet/index.html', {}), ORIGIN)).toBe(false);
    expect(isTrustedSender(frame('app://evil/index.html'), ORIGIN)).toBe(false);
    expect(isTrustedSender(frame('https://signet/index.html'), ORIGIN)).toBe(false);
    expect(isTrustedSender(frame('file:///tmp/index.html'), ORIGIN)).toBe(false);
    expect(isTrustedSender(frame('not a url'), ORIGIN)).toBe(false);
    expect(isTrustedSender(null, ORIGIN)).toBe(false);
  });

  it('answers a forged sender with FORBIDDEN and never reaches a service', async () => {
    const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
    const ipcMain = { handle: (channel: string, fn: never) => handlers.set(channel, fn), removeHandler: vi.fn() };
    const dispatch = Object.assign(
      vi.fn(async () => ({ ok: true, value: 1 })),
      { methods: [] },
    );
    serveOverIpc(ipcMain as never, dispatch as never, ORIGIN);
    const handler = handlers.get(INVOKE_CHANNEL)!;
    const forged = await handler({ senderFrame: { url: 'https://attacker.example/', parent: null } }, 'vault.status', []);
    expect(forged).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const subFrame = await handler({ senderFrame: { url: 'app://signet/index.html', parent: {} } }, 'vault.status', []);
    expect(subFrame).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(dispatch).not.toHaveBeenCalled();
    await handler({ senderFrame: { url: 'app://signet/index.html', parent: null } }, 'vault.status', []);
    expect(dispatch).toHaveBeenCalledWith('vault.status', []);
  });

  it('routes a trusted call through the real dispatcher', async () => {
    const handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
    serveOverIpc(
      { handle: (c: string, fn: never) => handlers.set(c, fn), removeHandler() {} } as never,
      createTestBackend().dispatch,
      ORIGIN,
    );
    const result = await handlers.get(INVOKE_CHANNEL)!(
      { senderFrame: { url: 'app://signet/index.html', parent: null } },
      'vault.status',
      [],
    );
    expect(result).toEqual({ ok: true, value: { state: 'not-set-up', protector: 'passphrase' } });
  });
});

describe('renderer assets', () => {
  it('never resolves outside the renderer folder', () => {
    const root = '/srv/renderer';
    expect(resolveAsset(root, '/')).toBe('/srv/renderer/index.html');
    expect(resolveAsset(root, '/assets/app.js')).toBe('/srv/renderer/assets/app.js');
    for (const attack of [
      '/../secret',
      '/assets/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..%2fetc',
      '/%00',
      '/a\\..\\..\\b',
      '/%E0%A4%A',
    ]) {
      expect(resolveAsset(root, attack), attack).toBeNull();
    }
  });

  it('serves files with the CSP header, and 404 for anything else', async () => {
    const root = tempFolder();
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<html></html>');
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
    const page = await loadAsset(root, '/index.html');
    expect(page.status).toBe(200);
    expect(page.headers['Content-Type']).toMatch(/text\/html/);
    expect(page.headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect((await loadAsset(root, '/assets/app.js')).headers['Content-Type']).toMatch(/javascript/);
    expect((await loadAsset(root, '/missing.js')).status).toBe(404);
    expect((await loadAsset(root, '/../../etc/passwd')).status).toBe(404);
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'self'/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/script-src 'self'(;|$)/);
    expect(CONTENT_SECURITY_POLICY).toMatch(/connect-src 'self'/);
  });
});

describe('main window hardening', () => {
  it('uses the security checklist web preferences', () => {
    expect(secureWebPreferences('/p.cjs')).toMatchObject({
      preload: '/p.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    });
    expect(isExternalLink('https://example.com')).toBe(true);
    expect(isExternalLink('file:///etc/passwd')).toBe(false);
    expect(isExternalLink('javascript:alert(1)')).toBe(false);
    expect(isExternalLink('smb://host/share')).toBe(false);
  });

  it('keeps the window on the app origin: off-origin navigation and redirects are cancelled, webviews refused', () => {
    const window = guardedWindow();
    for (const event of ['will-navigate', 'will-redirect'] as const) {
      expect(window.fire(event, 'app://signet/index.html'), event).toBe(false);
      expect(window.fire(event, 'app://signet/assets/app.js'), event).toBe(false);
      for (const url of [
        'https://attacker.example/',
        'app://signet.evil/index.html',
        'app://signet',
        'file:///etc/passwd',
        'about:blank',
      ]) {
        expect(window.fire(event, url), `${event} ${url}`).toBe(true);
      }
    }
    expect(window.fire('will-attach-webview')).toBe(true);
  });

  it('denies every new window, and hands only http(s) links to the system browser', () => {
    const window = guardedWindow();
    for (const url of ['https://example.com/docs', 'http://localhost:8080/']) {
      expect(window.openWindow(url)).toEqual({ action: 'deny' });
    }
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'app://signet/index.html', 'smb://host/share', 'not a url']) {
      expect(window.openWindow(url)).toEqual({ action: 'deny' });
    }
    expect(window.openedExternally).toEqual(['https://example.com/docs', 'http://localhost:8080/']);
  });

  it('refuses every permission request and check', () => {
    type RequestHandler = (contents: null, permission: string, callback: (granted: boolean) => void) => void;
    type CheckHandler = (contents: null, permission: string) => boolean;
    let request: RequestHandler | undefined;
    let check: CheckHandler | undefined;
    const session = {
      setPermissionRequestHandler: (handler: RequestHandler) => void (request = handler),
      setPermissionCheckHandler: (handler: CheckHandler) => void (check = handler),
    };
    denyPermissions(session as unknown as Parameters<typeof denyPermissions>[0]);
    const answers: boolean[] = [];
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read']) {
      request!(null, permission, (granted) => answers.push(granted));
      expect(check!(null, permission), permission).toBe(false);
    }
    expect(answers).toEqual([false, false, false, false]);
  });
});

describe('safeStorage as the vault key store', () => {
  function fakeSafeStorage(available: boolean, backend: string): SafeStoragePort & { backendAsked: number } {
    const fake = {
      backendAsked: 0,
      isEncryptionAvailable: () => available,
      getSelectedStorageBackend: () => (fake.backendAsked++, backend as ReturnType<SafeStoragePort['getSelectedStorageBackend']>),
      encryptString: (text: string) => Buffer.from(text, 'utf8').reverse(),
      decryptString: (data: Buffer) => Buffer.from(data).reverse().toString('utf8'),
    };
    return fake;
  }

  it('does not count Linux basic_text or an unknown backend as a real key store, and says why', () => {
    for (const backend of ['basic_text', 'unknown']) {
      const availability = safeStorageKeyStore(fakeSafeStorage(true, backend), 'linux').availability();
      expect(availability.usable, backend).toBe(false);
      expect(availability.usable ? '' : availability.reason).toContain(`"${backend}"`);
    }
  });

  it('uses a real Linux keyring (gnome_libsecret, kwallet), and round-trips the data key through it', () => {
    for (const backend of ['gnome_libsecret', 'kwallet5']) {
      expect(safeStorageKeyStore(fakeSafeStorage(true, backend), 'linux').availability(), backend).toEqual({ usable: true });
    }
    const store = safeStorageKeyStore(fakeSafeStorage(true, 'gnome_libsecret'), 'linux');
    const dataKey = Buffer.from('0123456789abcdef0123456789abcdef');
    expect(store.decrypt(store.encrypt(dataKey))).toEqual(dataKey);
  });

  it('needs encryption to be available at all, and asks about the backend only on Linux', () => {
    const unavailable = safeStorageKeyStore(fakeSafeStorage(false, 'gnome_libsecret'), 'linux').availability();
    expect(unavailable).toMatchObject({ usable: false, reason: expect.stringContaining('No OS key store') });
    const mac = fakeSafeStorage(true, 'unknown'); // macOS and Windows report no Linux backend
    expect(safeStorageKeyStore(mac, 'darwin').availability()).toEqual({ usable: true });
    expect(safeStorageKeyStore(mac, 'win32').availability()).toEqual({ usable: true });
    expect(mac.backendAsked).toBe(0);
  });
});

/** A WebContents stand-in that records the handlers guardNavigation installs, and fires them. */
function guardedWindow() {
  type Handler = (event: { preventDefault(): void }, url?: string) => void;
  const handlers = new Map<string, Handler>();
  let openHandler: ((details: { url: string }) => unknown) | undefined;
  const contents = {
    on: (name: string, handler: Handler) => (handlers.set(name, handler), contents),
    setWindowOpenHandler: (handler: (details: { url: string }) => unknown) => void (openHandler = handler),
  };
  const openedExternally: string[] = [];
  guardNavigation(contents as unknown as GuardedContents, (url) => openedExternally.push(url));
  return {
    openedExternally,
    /** Fires `name`; true when the handler cancelled the event. */
    fire(name: string, url?: string) {
      let prevented = false;
      handlers.get(name)!({ preventDefault: () => (prevented = true) }, url);
      return prevented;
    },
    openWindow: (url: string) => openHandler!({ url }),
  };
}
