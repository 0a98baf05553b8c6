// The thin Electron glue that can be checked without the binary: sender validation, asset serving,
// window hardening. `electron` itself is mocked only where a module imports it at load time.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY, loadAsset, resolveAsset } from '../../../electron/host/assets';
import { INVOKE_CHANNEL, isTrustedSender, serveOverIpc } from '../../../electron/ipc';
import { createTestBackend } from '../../harness/services';
import { tempFolder } from '../../harness/temp';

vi.mock('electron', () => ({ BrowserWindow: class {}, shell: { openExternal: vi.fn() } }));

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
  it('uses the security checklist web preferences', async () => {
    const { secureWebPreferences, isExternalLink } = await import('../../../electron/window');
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
});
