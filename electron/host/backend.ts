/** Services + dispatcher + log for one data folder: what each host (Electron, Chromium) serves. */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { contract, type SignetEvents } from '../../shared/contract';
import type { AppInfo } from '../../shared/contract/app';
import { createDispatcher, type Dispatcher, type EventSink } from '../../shared/rpc';
import { createServices, type ServiceDeps, type ServiceGraph } from '../services';
import { createFileLogger, type Logger } from '../services/log';

export interface BackendOptions extends Omit<ServiceDeps, 'logger' | 'events' | 'info'> {
  info: Omit<AppInfo, 'dataFolder'>;
  logger?: Logger;
}

export interface Backend {
  dispatch: Dispatcher;
  graph: ServiceGraph;
  logger: Logger;
  /** Where events go; the host points it at its renderer once there is one. */
  setEventSink(sink: EventSink<SignetEvents> | null): void;
  close(): Promise<void>;
}

export function createBackend(options: BackendOptions): Backend {
  mkdirSync(options.dataFolder, { recursive: true, mode: 0o700 });
  const logger = options.logger ?? createFileLogger(options.dataFolder);
  let sink: EventSink<SignetEvents> | null = null;
  const events: EventSink<SignetEvents> = { emit: (name, payload) => sink?.emit(name, payload) };
  const graph = createServices({ ...options, logger, events });
  const dispatch = createDispatcher(contract, graph.services, {
    newRef: () => randomBytes(4).toString('hex'),
    onUnexpectedError: (error, ref, path) => logger.error('Unexpected error in a bridge call', { ref, path, error }),
  });
  return {
    dispatch,
    graph,
    logger,
    setEventSink: (next) => (sink = next),
    close: () => graph.dispose(),
  };
}
