/** Where Signet keeps its data: SIGNET_HOME, else the folder Electron would use as userData. */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export function defaultDataFolder(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.SIGNET_HOME) return env.SIGNET_HOME;
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Signet');
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Signet');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Signet');
}

/** Where save dialogs start: ~/Downloads when it exists, else the home folder. */
export function defaultSaveFolder(): string {
  const downloads = join(homedir(), 'Downloads');
  return existsSync(downloads) ? downloads : homedir();
}
