/**
 * The Chromium host (DESIGN §1): the built renderer and the same services, in system Chromium
 * driven by playwright-core. The bridge is `exposeBinding` + an init script that builds the same
 * frozen `window.signet` the Electron preload exposes. No listening port: the renderer's files are
 * served by a route on the CDP pipe, and every other network request from the page is refused.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AppError, toWireError } from '../../shared/errors';
import type { RpcResult } from '../../shared/rpc';
import { loadAsset } from './assets';
import { createBackend, type Backend } from './backend';
import { defaultSaveFolder } from './data-folder';
import type { ScryptCost } from '../services/vault/passphrase-kdf';

/** The renderer's origin inside the Chromium host. `.localhost` never leaves the machine. */
export const BROWSER_HOST_ORIGIN = 'http://signet.localhost';

const DEFAULT_RENDERER_DIR = fileURLToPath(new URL('../../out/renderer/', import.meta.url));

export interface BrowserHostOptions {
  /** The data folder (what SIGNET_HOME sets). */
  dataFolder: string;
  /** Headless for tests; headful opens an app-mode window (needs a display). */
  headless?: boolean;
  rendererDir?: string;
  viewport?: { width: number; height: number };
  /** scrypt cost for new passphrases (tests lower it). */
  kdfCost?: ScryptCost;
  /** The version shown in Settings. */
  version?: string;
  /** Reuse a running headless browser (tests share one per file); the host then owns only its context. */
  browser?: Browser;
}

export interface BrowserHost {
  page: Page;
  context: BrowserContext;
  backend: Backend;
  /** Resolves when the user closes the window (headful) or `close()` is called. */
  closed: Promise<void>;
  close(): Promise<void>;
}

/** Finds Chromium: `CHROMIUM_PATH`, then Debian's `/usr/bin/chromium`, else Playwright's own. */
export function chromiumExecutable(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((path): path is string => !!path && existsSync(path));
}

function chromiumArgs(headless: boolean): string[] {
  const args = [
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
    '--no-default-browser-check',
  ];
  // Chromium refuses to run as root with its sandbox on.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  // App mode needs a real URL (about:blank opens a normal window); the host navigates it afterwards.
  if (!headless) args.push('--test-type', `--app=data:text/html,<title>Signet</title>`, '--window-size=1360,860');
  return args;
}

/** Starts headless Chromium with the flags this machine needs (see chromiumArgs). */
export function launchHeadlessChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumExecutable(), headless: true, args: chromiumArgs(true) });
}

/** The same shape as electron/preload.ts: a frozen `window.signet = { invoke, onEvent }`. */
const BRIDGE_INIT_SCRIPT = `(() => {
  const listeners = new Set();
  const invoke = (path, args) => window.__signetInvoke(path, args);
  const onEvent = (listener) => { listeners.add(listener); return () => { listeners.delete(listener); }; };
  Object.defineProperty(window, '__signetEmit', {
    value: (name, payload) => { for (const listener of [...listeners]) { try { listener(name, payload); } catch (error) { console.error(error); } } },
  });
  Object.defineProperty(window, 'signet', { value: Object.freeze({ invoke, onEvent }), enumerable: true });
})();`;

export async function launchBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const headless = options.headless ?? true;
  const rendererDir = options.rendererDir ?? DEFAULT_RENDERER_DIR;
  if (!existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`The renderer is not built (${rendererDir}/index.html is missing). Run "npm run build" first.`);
  }

  const backend = createBackend({
    dataFolder: options.dataFolder,
    kdfCost: options.kdfCost,
    info: {
      name: 'Signet',
      version: options.version ?? process.env.npm_package_version ?? '0.0.0',
      host: 'browser',
      versions: { node: process.versions.node },
      nativeDialogs: false,
      defaultSaveFolder: defaultSaveFolder(),
    },
  });

  let browser: Browser | undefined;
  let profileDir: string | undefined;
  let context: BrowserContext;
  let page: Page;
  const executablePath = chromiumExecutable();
  try {
    if (options.browser) {
      context = await options.browser.newContext({ viewport: options.viewport ?? { width: 1360, height: 860 } });
      page = await context.newPage();
    } else if (headless) {
      browser = await launchHeadlessChromium();
      context = await browser.newContext({ viewport: options.viewport ?? { width: 1360, height: 860 } });
      page = await context.newPage();
    } else {
      profileDir = mkdtempSync(join(tmpdir(), 'signet-chromium-'));
      context = await chromium.launchPersistentContext(profileDir, {
        executablePath,
        headless: false,
        viewport: null,
        args: chromiumArgs(false),
        // Without this Playwright opens an extra normal about:blank tab beside the app-mode window.
        ignoreDefaultArgs: ['about:blank'],
      });
      page = context.pages()[0] ?? (await context.newPage());
    }
  } catch (error) {
    await backend.close();
    throw new Error(
      `Chromium could not be started${executablePath ? ` (${executablePath})` : ''}. Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH. ${(error as Error).message.split('\n')[0]}`,
    );
  }

  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== BROWSER_HOST_ORIGIN) return route.abort('blockedbyclient');
    const asset = await loadAsset(rendererDir, url.pathname);
    return route.fulfill({ status: asset.status, headers: asset.headers, body: asset.body });
  });

  const forbidden: RpcResult = { ok: false, error: toWireError(new AppError('FORBIDDEN', 'Only the Signet window may call Signet.')) };
  await page.exposeBinding('__signetInvoke', (source, path: unknown, args: unknown) => {
    const trusted = source.frame === page.mainFrame() && new URL(source.frame.url()).origin === BROWSER_HOST_ORIGIN;
    return trusted ? backend.dispatch(path, args) : forbidden;
  });
  await page.addInitScript({ content: BRIDGE_INIT_SCRIPT });

  backend.setEventSink({
    emit(name, payload) {
      if (page.isClosed()) return;
      page.evaluate(`window.__signetEmit?.(${JSON.stringify(name)}, ${JSON.stringify(payload)})`).catch(() => {
        // The page is navigating or closing; the next load asks for fresh state anyway.
      });
    },
  });

  let closing: Promise<void> | undefined;
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  const close = () =>
    (closing ??= (async () => {
      backend.setEventSink(null);
      await context.close().catch(() => {});
      await browser?.close().catch(() => {});
      await backend.close();
      if (profileDir) rmSync(profileDir, { recursive: true, force: true });
      resolveClosed();
    })());
  // The user closing the window (or Chromium exiting) ends the host.
  page.on('close', () => void close());
  context.on('close', () => void close());

  await page.goto(`${BROWSER_HOST_ORIGIN}/index.html`);
  return { page, context, backend, closed, close };
}
