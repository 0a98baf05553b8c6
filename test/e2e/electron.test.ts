// Electron smoke tests: they run where the Electron binary exists and say plainly that they were
// skipped where it does not (it cannot be downloaded on every machine).
import { join } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../scripts/electron-binary';
import { tempFolder } from '../harness/temp';

const binary = findElectronBinary();
if (!binary) {
  console.warn(
    '[e2e] SKIPPED: no Electron binary is installed (node_modules/electron/dist is missing and ELECTRON_OVERRIDE_DIST_PATH is not set). ' +
      'The renderer and services are covered by the renderer tests in the Chromium host.',
  );
}

describe.skipIf(!binary)('Electron host', () => {
  let app: ElectronApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  const launch = async () => {
    app = await _electron.launch({
      executablePath: binary!,
      args: [join(import.meta.dirname, '../..')],
      env: { ...process.env, SIGNET_HOME: tempFolder(), SIGNET_MULTI_INSTANCE: '1' },
    });
    const window = await app.firstWindow();
    await window.locator('[data-app-state="ready"]').waitFor();
    return window;
  };

  it('boots to ready in a sandboxed window with only the frozen bridge', async () => {
    const window = await launch();
    expect(await window.title()).toBe('Signet');
    const facts = await window.evaluate(`({
      process: typeof window.process,
      require: typeof window.require,
      keys: Object.keys(window.signet).sort(),
      frozen: Object.isFrozen(window.signet),
      origin: location.origin + location.pathname,
    })`);
    expect(facts).toEqual({
      process: 'undefined',
      require: 'undefined',
      keys: ['invoke', 'onEvent'],
      frozen: true,
      origin: 'app://signet/index.html',
    });
  });

  it('serves the app with the CSP header and answers bridge calls', async () => {
    const window = await launch();
    const csp = await window.evaluate(`fetch('app://signet/index.html').then((r) => r.headers.get('content-security-policy'))`);
    expect(csp).toMatch(/default-src 'self'/);
    expect(await window.evaluate(`window.signet.invoke('app.info', [])`)).toMatchObject({ ok: true, value: { host: 'electron' } });
  });
});
