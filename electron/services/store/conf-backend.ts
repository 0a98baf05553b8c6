/** JSON files through `conf` (Node hosts and tests): atomic writes (temp file, fsync, rename), mode 0600. */
import { existsSync } from 'node:fs';
import Conf from 'conf';
import type { JsonFile, JsonFileFactory } from './backend';

/** The conf options both backends share, so files written by either read the same. */
export const STORE_FILE_OPTIONS = {
  clearInvalidConfig: false,
  watch: false,
  accessPropertiesByDotNotation: false,
  configFileMode: 0o600,
} as const;

/** Adapts any conf-shaped store (conf, electron-store) to {@link JsonFile}. */
export function jsonFileFromConf(open: () => { path: string; store: Record<string, unknown> }, path: string): JsonFile {
  let store: ReturnType<typeof open> | undefined;
  const instance = () => (store ??= open());
  return {
    path,
    read() {
      if (!existsSync(path)) return undefined;
      return instance().store;
    },
    write(value) {
      instance().store = value as Record<string, unknown>;
    },
  };
}

export function confFiles(dataFolder: string): JsonFileFactory {
  return (name) =>
    jsonFileFromConf(() => new Conf({ cwd: dataFolder, configName: name, ...STORE_FILE_OPTIONS }), `${dataFolder}/${name}.json`);
}
