// Finds the Electron binary without triggering its lazy download (electron >= 45 downloads on first require).
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const DEFAULT_EXECUTABLE: Partial<Record<NodeJS.Platform, string>> = {
  linux: 'electron',
  darwin: 'Electron.app/Contents/MacOS/Electron',
  win32: 'electron.exe',
};

/** The path of an installed Electron binary, or null when there is none. */
export function findElectronBinary(): string | null {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : DEFAULT_EXECUTABLE[process.platform];
  if (!executable) return null;
  const base = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const binary = join(base, executable);
  return existsSync(binary) ? binary : null;
}

/** Runs Electron's own installer (downloads the binary). Returns false when it cannot. */
export function electronInstallScript(): string {
  return join(dirname(createRequire(import.meta.url).resolve('electron/package.json')), 'install.js');
}
