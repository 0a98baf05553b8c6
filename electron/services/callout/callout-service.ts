/**
 * The `http`, `environments`, `history` and `collections` namespaces of the bridge: thin adapters
 * over the engine and the stores. History is recorded after the response is built.
 */
import type { SignetServices } from '../../../shared/contract';
import { AppError, isAppError } from '../../../shared/errors';
import type { FileSaver } from '../files/file-saver';
import type { BodyStore } from './body-store';
import type { CalloutEngine } from './callout-engine';
import type { CollectionStore } from './collections';
import type { EnvironmentStore } from './environments';
import type { History } from './history';

export interface CalloutServiceDeps {
  engine: CalloutEngine;
  bodies: BodyStore;
  environments: EnvironmentStore;
  history: History;
  collections: CollectionStore;
  files: FileSaver;
}

export function createCalloutServices(deps: CalloutServiceDeps): Pick<SignetServices, 'http' | 'environments' | 'history' | 'collections'> {
  const { engine, bodies, environments, history, collections } = deps;
  return {
    http: {
      async send(input) {
        const { requestId, request, environmentId, name } = input;
        try {
          const response = await engine.send({ requestId, request, variables: environments.variables(environmentId) });
          history.record({
            request,
            name,
            environmentId,
            status: response.status,
            statusText: response.statusText,
            totalMs: response.totalMs,
            size: response.body.size,
          });
          return response;
        } catch (error) {
          const coded = isAppError(error) ? error : undefined;
          history.record({
            request,
            name,
            environmentId,
            error: { code: coded?.code ?? 'INTERNAL', message: coded?.message ?? 'Unexpected error' },
          });
          throw error;
        }
      },
      cancel: (requestId) => engine.cancel(requestId),
      readBody: ({ bodyId, offset, length }) => bodies.readPage(bodyId, offset, length),
      formatBody: ({ bodyId }) => bodies.formatJson(bodyId),
      async saveBody({ bodyId, text, base64, suggestedName, destination }) {
        const contents = bodyId ? await bodies.read(bodyId) : base64 !== undefined ? Buffer.from(base64, 'base64') : text;
        if (contents === undefined) throw new AppError('BAD_INPUT', 'There is no body to save.');
        return deps.files.save({ suggestedName, contents, destination });
      },
    },
    environments: {
      list: () => environments.list(),
      save: (input) => environments.save(input),
      remove: (id) => environments.remove(id),
      setActive: (id) => environments.setActive(id),
    },
    history: {
      list: ({ query }) => history.list(query),
      remove: (id) => history.remove(id),
      clear: () => history.clear(),
    },
    collections: {
      list: () => collections.list(),
      saveRequest: (input) => collections.saveRequest(input),
      createFolder: (input) => collections.createFolder(input),
      rename: (input) => collections.rename(input),
      move: (input) => collections.move(input),
      remove: (input) => collections.remove(input),
    },
  };
}
