/**
 * The receiver: configuration (persisted), lifecycle (start, stop, dispose), fault rules, client
 * secrets (in the vault) and the live log. `ServiceGraph.internal.receiver` is this object; the
 * bridge service and the test harness are thin faces over it.
 */
import { z } from 'zod';
import {
  FaultRules,
  isLoopbackHost,
  ReceiverConfig,
  ReceiverConfigPatch,
  type ReceiverLogEntry,
  type ReceiverStatus,
} from '../../../shared/contract/receiver';
import { AppError } from '../../../shared/errors';
import type { CertificateStore } from '../certificates/certificate-store';
import type { Logger } from '../log';
import type { Document } from '../store/document';
import type { Vault } from '../vault/vault';
import { urls, type ReceiverContext } from './context';
import { checkTrustedCaPem, loadSigningKey, loadTlsMaterial, RemoteJwks, storeJwks, storeKeys, type SigningKey } from './keys';
import { startServer, type RunningServer } from './server';
import { JtiCache } from './verify';

export const ReceiverFile = z.object({
  config: ReceiverConfig,
  /** The self-signed TLS certificate Signet made for localhost (its key is in the vault). */
  generatedCertificatePem: z.string().nullable().default(null),
});
export type ReceiverFile = z.infer<typeof ReceiverFile>;
export const RECEIVER_DOCUMENT = {
  name: 'receiver',
  schema: ReceiverFile,
  version: 1,
  initial: () => ReceiverFile.parse({ config: {} }),
};

const LOG_LIMIT = 500;
const secretItem = (clientId: string) => `receiver:client-secret:${clientId}`;
const RESTART_KEYS = [
  'host',
  'port',
  'allowExternalInterface',
  'protocol',
  'serverCertificateId',
  'mtls',
  'mtlsTrustedCertificateIds',
  'mtlsCaPem',
];

export interface ReceiverOptions {
  document: Document<ReceiverFile>;
  certificates: CertificateStore;
  vault: Vault;
  logger: Logger;
  /** Seconds since the epoch; tests freeze it. */
  now?: () => number;
}

export class Receiver {
  readonly #options: ReceiverOptions;
  readonly #jwks = new RemoteJwks();
  readonly #replay = new JtiCache();
  readonly #log: ReceiverLogEntry[] = [];
  readonly #logListeners = new Set<(entry: ReceiverLogEntry) => void>();
  readonly #logClearedListeners = new Set<() => void>();
  readonly #statusListeners = new Set<(status: ReceiverStatus) => void>();
  #faults: FaultRules = FaultRules.parse({});
  #state: ReceiverStatus['state'] = 'stopped';
  #server: RunningServer | null = null;
  #baseUrl = '';
  #serverCertificatePem: string | undefined;
  #signingKey: SigningKey | null = null;
  #nextId = 1;
  #notes: string[] = [];
  #starting: Promise<ReceiverStatus> | null = null;
  #stopping: Promise<void> | null = null;

  constructor(options: ReceiverOptions) {
    this.#options = options;
    options.certificates.registerUsage((id) => {
      const config = this.config();
      const uses = [
        config.trustedCertificateIds.includes(id) && 'the Receiver (trusted key)',
        config.serverCertificateId === id && 'the Receiver (TLS server certificate)',
        config.mtlsTrustedCertificateIds.includes(id) && 'the Receiver (trusted client CA)',
      ];
      return uses.filter((use): use is string => typeof use === 'string');
    });
    // Locking the vault takes the receiver's private keys away: stop serving with them.
    options.vault.onChange((status) => {
      if (status.state !== 'unlocked' && this.#state !== 'stopped') {
        void this.stop().then(() => this.#note('The receiver stopped because the vault was locked.'));
      }
      if (status.state === 'unlocked') this.#autoStart();
    });
    if (options.vault.status().state === 'unlocked') this.#autoStart();
  }

  /** Starts with Signet only when the user asked for it ("Start with Signet"). */
  #autoStart() {
    if (!this.config().autoStart || this.#state !== 'stopped') return;
    this.start().catch((error: unknown) => {
      this.#options.logger.error('The receiver could not start with Signet', { error });
      this.#note(`The receiver did not start with Signet: ${error instanceof Error ? error.message : String(error)}`);
    });
  }

  config(): ReceiverConfig {
    return this.#options.document.read().config;
  }

  /** Merges and persists a partial configuration. Listening settings apply on the next start. */
  configure(patch: z.input<typeof ReceiverConfigPatch>): ReceiverConfig {
    const parsed = ReceiverConfigPatch.parse(patch);
    if (parsed.mtlsCaPem?.trim()) checkTrustedCaPem(parsed.mtlsCaPem);
    const before = this.config().clients.map((client) => client.clientId);
    const next = this.#options.document.update((file) => ({ ...file, config: ReceiverConfig.parse({ ...file.config, ...parsed }) })).config;
    const clientIds = new Set(next.clients.map((client) => client.clientId));
    // A client removed from the table takes its secret with it.
    for (const id of before) if (!clientIds.has(id)) this.#options.vault.delete(secretItem(id));
    if (this.#state === 'running' && Object.keys(parsed).some((key) => RESTART_KEYS.includes(key))) {
      this.#note('Stop and start the receiver to apply the new listening settings.');
    } else {
      this.#emitStatus();
    }
    return next;
  }

  status(): ReceiverStatus {
    const running = this.#state === 'running';
    const config = this.config();
    const warnings = [...this.#notes];
    if (!isLoopbackHost(config.host)) {
      warnings.unshift(`Listening on ${config.host}: other machines on your network can reach the receiver.`);
    }
    const endpointUrls = running ? urls(this.#baseUrl) : null;
    return {
      state: this.#state,
      ...(running ? { baseUrl: this.#baseUrl } : {}),
      endpoints: endpointUrls
        ? [
            { name: 'JWKS', method: 'GET', url: endpointUrls.jwksUri },
            { name: 'OpenID configuration', method: 'GET', url: endpointUrls.discovery },
            { name: 'Token endpoint', method: 'POST', url: endpointUrls.tokenEndpoint },
            { name: 'Protected API (any path below)', method: 'ANY', url: `${endpointUrls.api}/` },
          ]
        : [],
      ...(running && this.#serverCertificatePem ? { serverCertificatePem: this.#serverCertificatePem } : {}),
      warnings,
      faults: { ...this.#faults },
    };
  }

  /** Starts the server (idempotent). Resolves with the status; `baseUrl` is where it listens. */
  start(): Promise<ReceiverStatus> {
    if (this.#state === 'running') return Promise.resolve(this.status());
    this.#starting ??= (this.#stopping ?? Promise.resolve()).then(() => this.#start()).finally(() => (this.#starting = null));
    return this.#starting;
  }

  async #start(): Promise<ReceiverStatus> {
    const config = this.config();
    if (!isLoopbackHost(config.host) && !config.allowExternalInterface) {
      throw new AppError(
        'BAD_INPUT',
        `Listening on ${config.host} lets other machines reach the receiver. Tick "Allow other interfaces" to confirm, or use 127.0.0.1.`,
        { field: 'host' },
      );
    }
    this.#state = 'starting';
    this.#notes = [];
    this.#emitStatus();
    try {
      const { vault, certificates, document } = this.#options;
      this.#signingKey = await loadSigningKey(vault);
      const tls =
        config.protocol === 'https'
          ? await loadTlsMaterial(config, certificates, vault, {
              read: () => document.read().generatedCertificatePem,
              write: (pem) => document.update((file) => ({ ...file, generatedCertificatePem: pem })),
            })
          : undefined;
      this.#server = await startServer({
        host: config.host,
        port: config.port,
        tls: tls && { ...tls, mtls: config.mtls },
        context: () => this.#context(),
        jwks: () => storeJwks(certificates, this.config().trustedCertificateIds),
        onLog: (entry) => this.#addLog(entry),
        onUnexpectedError: (error) => this.#options.logger.error('Receiver request failed unexpectedly', { error }),
      });
      const hostInUrl = config.host.includes(':') ? `[${config.host}]` : config.host;
      this.#baseUrl = `${config.protocol}://${hostInUrl}:${this.#server.port}`;
      this.#serverCertificatePem = tls?.cert;
      this.#state = 'running';
    } catch (error) {
      this.#state = 'stopped';
      this.#server = null;
      this.#emitStatus();
      throw error;
    }
    this.#emitStatus();
    return this.status();
  }

  /** Stops the server and closes every open connection. */
  async stop(): Promise<ReceiverStatus> {
    if (this.#starting) await this.#starting.catch(() => undefined);
    const server = this.#server;
    this.#server = null;
    this.#state = 'stopped';
    // Close first: requests still in flight (a latency rule) finish with the keys they started with.
    this.#stopping = (server?.close() ?? Promise.resolve()).then(() => {
      this.#signingKey = null;
      this.#baseUrl = '';
    });
    await this.#stopping;
    this.#stopping = null;
    this.#emitStatus();
    return this.status();
  }

  async dispose(): Promise<void> {
    await this.stop();
    this.#logListeners.clear();
    this.#logClearedListeners.clear();
    this.#statusListeners.clear();
  }

  setFaults(patch: Partial<FaultRules>): ReceiverStatus {
    this.#faults = FaultRules.parse({ ...this.#faults, ...patch });
    this.#emitStatus();
    return this.status();
  }

  log(): ReceiverLogEntry[] {
    return [...this.#log];
  }

  /** Empties the log and tells every listener, so each open window clears too. */
  clearLog(): void {
    this.#log.length = 0;
    for (const listener of this.#logClearedListeners) listener();
  }

  onLog(listener: (entry: ReceiverLogEntry) => void): () => void {
    this.#logListeners.add(listener);
    return () => this.#logListeners.delete(listener);
  }

  onLogCleared(listener: () => void): () => void {
    this.#logClearedListeners.add(listener);
    return () => this.#logClearedListeners.delete(listener);
  }

  onStatus(listener: (status: ReceiverStatus) => void): () => void {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  /** Seals a registered client's secret in the vault. */
  setClientSecret(clientId: string, secret: string): void {
    if (!this.config().clients.some((client) => client.clientId === clientId)) {
      throw new AppError('NOT_FOUND', `There is no registered client ${JSON.stringify(clientId)}. Add it to Registered clients first.`, {
        field: 'clientId',
      });
    }
    this.#options.vault.seal(secretItem(clientId), secret);
  }

  clientSecretsSet(): string[] {
    return this.config()
      .clients.map((client) => client.clientId)
      .filter((id) => this.#options.vault.has(secretItem(id)));
  }

  #context(): ReceiverContext {
    const config = this.config();
    const { certificates, vault } = this.#options;
    if (!this.#signingKey) throw new Error('The receiver is not running');
    return {
      config,
      baseUrl: this.#baseUrl,
      signingKey: this.#signingKey,
      trustedKeys: async (kid) => {
        const local = storeKeys(certificates, config.trustedCertificateIds);
        const remote = await this.#jwks.keys(config.jwksUrl, kid);
        return { keys: [...local.keys, ...remote.keys], notes: [...local.notes, ...remote.notes] };
      },
      replay: this.#replay,
      now: this.#options.now ?? (() => Math.floor(Date.now() / 1000)),
      faults: this.#faults,
      clientSecret: (clientId) => (vault.has(secretItem(clientId)) ? vault.openText(secretItem(clientId)) : null),
    };
  }

  #addLog(draft: Omit<ReceiverLogEntry, 'id'>) {
    const entry: ReceiverLogEntry = { id: this.#nextId++, ...draft };
    this.#log.push(entry);
    if (this.#log.length > LOG_LIMIT) this.#log.splice(0, this.#log.length - LOG_LIMIT);
    for (const listener of this.#logListeners) listener(entry);
    // The 401-next-N counter changed: let the UI show what is left.
    if (entry.verdict === 'fault') this.#emitStatus();
  }

  #note(note: string) {
    if (!this.#notes.includes(note)) this.#notes.push(note);
    this.#emitStatus();
  }

  #emitStatus() {
    const status = this.status();
    for (const listener of this.#statusListeners) listener(status);
  }
}
