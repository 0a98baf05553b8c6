// Where data lives (SIGNET_HOME everywhere, else Electron's userData for "Signet") and how the app is
// packaged (electron-builder.yml, read with electron-builder's own YAML parser). Neither runs in CI
// otherwise: the Electron binary is not available here, and `npm run dist` is not run.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataFolder } from '../../../electron/host/data-folder';

const ROOT = join(import.meta.dirname, '../../..');

describe('data folder', () => {
  it('is SIGNET_HOME whenever it is set, on every platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      expect(defaultDataFolder({ SIGNET_HOME: '/data/signet', APPDATA: 'C:/AppData' }, platform)).toBe('/data/signet');
    }
  });

  it("is otherwise the folder Electron uses as userData for productName 'Signet'", () => {
    expect(defaultDataFolder({}, 'linux')).toBe(join(homedir(), '.config', 'Signet'));
    expect(defaultDataFolder({ XDG_CONFIG_HOME: '/xdg' }, 'linux')).toBe('/xdg/Signet');
    expect(defaultDataFolder({}, 'darwin')).toBe(join(homedir(), 'Library', 'Application Support', 'Signet'));
    expect(defaultDataFolder({ APPDATA: 'C:/Users/u/AppData/Roaming' }, 'win32')).toBe(join('C:/Users/u/AppData/Roaming', 'Signet'));
    // Electron names the userData folder after productName.
    expect(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).productName).toBe('Signet');
  });
});

describe('electron-builder.yml', () => {
  const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
  const yaml = fromBuilder('js-yaml') as { load(text: string): unknown };
  const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as {
    appId: string;
    productName: string;
    asar: boolean;
    files: string[];
    electronFuses: Record<string, boolean>;
    linux: { target: string[] };
    mac: { target: string[] };
    win: { target: string[] };
  };

  it('names the app and packs only the bundled output into an asar', () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
    expect(config.productName).toBe('Signet');
    expect(config.asar).toBe(true);
    const sources = config.files.filter((pattern) => !pattern.startsWith('!'));
    expect(sources.sort()).toEqual(['out/**', 'package.json']);
  });

  it('sets the security fuses: no run-as-node, no NODE_OPTIONS, asar integrity, load only from the asar', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('builds AppImage and deb, dmg, and nsis', () => {
    expect(config.linux.target).toEqual(expect.arrayContaining(['AppImage', 'deb']));
    expect(config.mac.target).toEqual(expect.arrayContaining(['dmg']));
    expect(config.win.target).toEqual(expect.arrayContaining(['nsis']));
  });
});
