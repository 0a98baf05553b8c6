/** JSON files through electron-store in the Electron host (same format and options as conf). */
import ElectronStore from 'electron-store';
import type { JsonFileFactory } from '../services/store/backend';
import { jsonFileFromConf, STORE_FILE_OPTIONS } from '../services/store/conf-backend';

export function electronStoreFiles(dataFolder: string): JsonFileFactory {
  return (name) =>
    jsonFileFromConf(() => new ElectronStore({ cwd: dataFolder, name, ...STORE_FILE_OPTIONS }), `${dataFolder}/${name}.json`);
}
