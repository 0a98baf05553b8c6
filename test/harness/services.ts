// The real service graph on a temp data folder, with events captured for assertions.
import type { SignetEvents } from '../../shared/contract';
import { createBackend, type Backend } from '../../electron/host/backend';
import type { Logger } from '../../electron/services/log';
import { TEST_KDF_COST } from './kdf';
import { tempFolder } from './temp';

export interface TestBackend extends Backend {
  dataFolder: string;
  events: { name: keyof SignetEvents; payload: unknown }[];
  logged: { message: string; context?: Record<string, unknown> }[];
}

export function createTestBackend(options: { dataFolder?: string } = {}): TestBackend {
  const dataFolder = options.dataFolder ?? tempFolder();
  const logged: TestBackend['logged'] = [];
  const logger: Logger = { error: (message, context) => logged.push({ message, context }), info: () => {} };
  const backend = createBackend({
    dataFolder,
    logger,
    kdfCost: TEST_KDF_COST,
    info: {
      name: 'Signet',
      version: '0.0.0-test',
      host: 'browser',
      versions: { node: process.versions.node },
      nativeDialogs: false,
      defaultSaveFolder: dataFolder,
    },
  });
  const events: TestBackend['events'] = [];
  backend.setEventSink({ emit: (name, payload) => events.push({ name, payload }) });
  return Object.assign(backend, { dataFolder, events, logged });
}
