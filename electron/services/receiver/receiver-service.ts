/** Bridge face of the receiver: configuration, start/stop, fault rules, log. Secrets go in, never out. */
import type { SignetServices } from '../../../shared/contract';
import type { Receiver } from './receiver';

export function createReceiverService(receiver: Receiver): SignetServices['receiver'] {
  return {
    getConfig: () => receiver.config(),
    configure: (patch) => receiver.configure(patch),
    status: () => receiver.status(),
    start: () => receiver.start(),
    stop: () => receiver.stop(),
    setFaults: (patch) => receiver.setFaults(patch),
    log: () => receiver.log(),
    clearLog: () => receiver.clearLog(),
    setClientSecret: ({ clientId, secret }) => receiver.setClientSecret(clientId, secret),
    clientSecretsSet: () => receiver.clientSecretsSet(),
  };
}
