// A real Signet receiver on 127.0.0.1:0 as the peer in tests: trusts the certificates you name,
// stopped (sockets closed) after each test.
//
//   const backend = await unlockedTestBackend();
//   const cert = ...create a certificate in backend.graph.internal.certificates...
//   const peer = await startReceiver(backend, { trustedCertificateIds: [cert.id], audiences: ['https://api.example'] });
//   await fetch(peer.tokenEndpoint, { method: 'POST', body: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }) });
//   expect(peer.log().at(-1)).toMatchObject({ verdict: 'accepted' });
import { afterEach } from 'vitest';
import type { FaultRules, ReceiverConfigPatch, ReceiverLogEntry } from '../../shared/contract/receiver';
import type { Receiver } from '../../electron/services/receiver/receiver';
import { createTestBackend, type TestBackend } from './services';
import { TEST_PASSPHRASE } from './signet';

export { CLIENT_ASSERTION_TYPE, JWT_BEARER_GRANT } from '../../electron/services/receiver/token-endpoint';

export interface TestReceiver {
  receiver: Receiver;
  /** `http(s)://127.0.0.1:<port>` */
  baseUrl: string;
  /** The issuer of access tokens (= baseUrl). */
  issuer: string;
  tokenEndpoint: string;
  jwksUri: string;
  discoveryUrl: string;
  /** `${baseUrl}/api` — any path below it is protected. */
  apiUrl: string;
  /** With HTTPS: the server certificate (PEM) a client must trust. */
  ca?: string;
  /** Every request the receiver answered so far. */
  log(): ReceiverLogEntry[];
  setFaults(faults: Partial<FaultRules>): void;
  /** Registers a client with a secret (client_secret_basic and _post). */
  addClient(clientId: string, secret: string): void;
  stop(): Promise<void>;
}

const running: Receiver[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((receiver) => receiver.stop()));
});

/** A test backend with the vault set up and unlocked (the receiver keeps its keys there). */
export async function unlockedTestBackend(): Promise<TestBackend> {
  const backend = createTestBackend();
  await backend.graph.internal.vault.setUp(TEST_PASSPHRASE);
  return backend;
}

/**
 * Configures and starts the backend's receiver. Defaults: HTTP on 127.0.0.1, a free port; pass
 * `protocol: 'https'` for TLS (the returned `ca` is the generated localhost certificate).
 */
export async function startReceiver(backend: TestBackend, config: ReceiverConfigPatch = {}): Promise<TestReceiver> {
  if (backend.graph.internal.vault.status().state === 'not-set-up') await backend.graph.internal.vault.setUp(TEST_PASSPHRASE);
  const receiver = backend.graph.internal.receiver;
  receiver.configure({ host: '127.0.0.1', port: 0, ...config });
  const status = await receiver.start();
  running.push(receiver);
  const baseUrl = status.baseUrl!;
  return {
    receiver,
    baseUrl,
    issuer: baseUrl,
    tokenEndpoint: `${baseUrl}/oauth2/token`,
    jwksUri: `${baseUrl}/.well-known/jwks.json`,
    discoveryUrl: `${baseUrl}/.well-known/openid-configuration`,
    apiUrl: `${baseUrl}/api`,
    ...(status.serverCertificatePem ? { ca: status.serverCertificatePem } : {}),
    log: () => receiver.log(),
    setFaults: (faults) => void receiver.setFaults(faults),
    addClient(clientId, secret) {
      const clients = receiver.config().clients.filter((client) => client.clientId !== clientId);
      receiver.configure({ clients: [...clients, { clientId, authMethods: ['client_secret_basic', 'client_secret_post'] }] });
      receiver.setClientSecret(clientId, secret);
    },
    stop: async () => void (await receiver.stop()),
  };
}
