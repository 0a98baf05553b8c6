/**
 * The one service object graph both hosts serve (DESIGN §1). Plain Node: never imports `electron`;
 * whatever only Electron can do arrives here as an injected port.
 */
import type { SignetEvents, SignetServices } from '../../shared/contract';
import type { AppInfo } from '../../shared/contract/app';
import type { EventSink } from '../../shared/rpc';
import { createAppService } from './app/app-service';
import { CERTIFICATES_DOCUMENT, CertificateStore } from './certificates/certificate-store';
import { createCertificatesService } from './certificates/certificates-service';
import { createInspectorService } from './inspector/inspector-service';
import { PINS_DOCUMENT, PinnedTokens } from './inspector/pins';
import { CredentialEngine } from './credentials/credential-engine';
import { CREDENTIALS_DOCUMENT, CredentialStore } from './credentials/credential-store';
import { createCredentialsService } from './credentials/credentials-service';
import { BodyStore } from './callout/body-store';
import { CalloutEngine } from './callout/callout-engine';
import { createCalloutServices } from './callout/callout-service';
import { COLLECTIONS_DOCUMENT, CollectionStore } from './callout/collections';
import { ENVIRONMENTS_DOCUMENT, EnvironmentStore } from './callout/environments';
import { History, HISTORY_DOCUMENT } from './callout/history';
import { createTransport } from './callout/transport';
import type { CredentialResolver } from './credentials/resolver';
import { createFileSaver, type FileSaver, type SaveDialog } from './files/file-saver';
import type { FetchOptions } from './inspector/remote-keys';
import type { Logger } from './log';
import { Receiver, RECEIVER_DOCUMENT } from './receiver/receiver';
import { createReceiverService } from './receiver/receiver-service';
import { createSettingsService, SETTINGS_DOCUMENT } from './settings/settings-service';
import type { JsonFileFactory } from './store/backend';
import { confFiles } from './store/conf-backend';
import { openDocument, StoreReports } from './store/document';
import type { OsKeyStore } from './vault/os-key-store';
import type { ScryptCost } from './vault/passphrase-kdf';
import { Vault, VaultItemsFile, VaultKeyFile } from './vault/vault';
import { createVaultService } from './vault/vault-service';

export interface ServiceDeps {
  /** The data folder: Electron userData, or SIGNET_HOME. */
  dataFolder: string;
  info: Omit<AppInfo, 'dataFolder'>;
  events: EventSink<SignetEvents>;
  logger: Logger;
  /** How JSON files are opened; conf unless the host brings electron-store. */
  files?: JsonFileFactory;
  osKeyStore?: OsKeyStore;
  openExternal?: (url: string) => Promise<void>;
  /** The native save dialog (Electron); without it the renderer supplies paths. */
  saveDialog?: SaveDialog;
  /** Timeout and size cap for the Inspector's JWKS and discovery fetches; tests lower the timeout. */
  inspectorFetch?: Partial<FetchOptions>;
  /** scrypt cost for new passphrases; tests lower it. */
  kdfCost?: ScryptCost;
}

export interface ServiceGraph {
  services: SignetServices;
  /** Internal capabilities, for hosts and tests; never registered with the dispatcher. */
  internal: {
    vault: Vault;
    reports: StoreReports;
    certificates: CertificateStore;
    files: FileSaver;
    /** Named credentials for callouts (`callout:Name/...`): implements CredentialResolver. */
    credentials: CredentialEngine;
    credentialStore: CredentialStore;
    /** The local external service: configure, start → { baseUrl }, stop (README "The receiver"). */
    receiver: Receiver;
    callouts: CalloutEngine;
    history: History;
    environments: EnvironmentStore;
    /** Replaces where `callout:` finds named credentials (tests use a stand-in); the named-credential engine by default. */
    setCredentialResolver(resolver: CredentialResolver | undefined): void;
  };
  dispose(): Promise<void>;
}

export function createServices(deps: ServiceDeps): ServiceGraph {
  const jsonFiles = deps.files ?? confFiles(deps.dataFolder);
  const reports = new StoreReports();
  reports.onReport((report) => {
    deps.logger.error('A data file was unreadable and was moved aside', { ...report });
    deps.events.emit('app.storeReport', report);
  });
  const open = <S extends Parameters<typeof openDocument>[2]['schema']>(options: Parameters<typeof openDocument<S>>[2]) =>
    openDocument(jsonFiles, reports, options);

  const vault = new Vault({
    keyFile: open({ name: 'vault-key', schema: VaultKeyFile, version: 1, initial: () => ({ current: null }) }),
    itemsFile: open({ name: 'vault-items', schema: VaultItemsFile, version: 1, initial: () => ({ items: {} }) }),
    osKeyStore: deps.osKeyStore,
    kdfCost: deps.kdfCost,
  });
  vault.onChange((status) => deps.events.emit('vault.changed', status));
  const files = createFileSaver(deps.saveDialog);
  const certificates = new CertificateStore(open(CERTIFICATES_DOCUMENT), vault);
  certificates.onChange(() => deps.events.emit('certificates.changed', {}));
  const credentialStore = new CredentialStore(open(CREDENTIALS_DOCUMENT), vault, certificates);
  credentialStore.onChange(() => deps.events.emit('credentials.changed', {}));
  const credentials = new CredentialEngine(credentialStore, certificates, vault);
  const flushLastUsed = setInterval(() => {
    // "Last used" in the list: persisted in batches, not on every callout.
    if (credentialStore.flushLastUsed()) deps.events.emit('credentials.changed', {});
  }, 5_000);
  flushLastUsed.unref();
  const receiver = new Receiver({ document: open(RECEIVER_DOCUMENT), certificates, vault, logger: deps.logger });
  receiver.onLog((entry) => deps.events.emit('receiver.log', entry));
  receiver.onLogCleared(() => deps.events.emit('receiver.logCleared', {}));
  receiver.onStatus((status) => deps.events.emit('receiver.status', status));

  let credentialResolver: CredentialResolver = credentials;
  const transport = createTransport();
  const bodies = new BodyStore();
  const callouts = new CalloutEngine({
    transport,
    bodies,
    certificates,
    resolver: () => credentialResolver,
    userAgent: `Signet/${deps.info.version}`,
  });
  const history = new History(open(HISTORY_DOCUMENT));
  const environments = new EnvironmentStore(open(ENVIRONMENTS_DOCUMENT), vault);
  const collections = new CollectionStore(open(COLLECTIONS_DOCUMENT));

  const services: SignetServices = {
    ...createCalloutServices({
      engine: callouts,
      bodies,
      environments,
      history,
      collections,
      files,
    }),
    app: createAppService({ info: { ...deps.info, dataFolder: deps.dataFolder }, reports, openExternal: deps.openExternal }),
    certificates: createCertificatesService(certificates, { events: deps.events, files }),
    inspector: createInspectorService({ certificates, pins: new PinnedTokens(open(PINS_DOCUMENT), vault), fetch: deps.inspectorFetch }),
    credentials: createCredentialsService({
      store: credentialStore,
      engine: credentials,
      certificates,
      files,
      saveDialog: deps.saveDialog,
    }),
    receiver: createReceiverService(receiver),
    settings: createSettingsService(open(SETTINGS_DOCUMENT)),
    vault: createVaultService(vault),
  };

  return {
    services,
    internal: {
      vault,
      reports,
      certificates,
      files,
      credentials,
      credentialStore,
      receiver,
      callouts,
      history,
      environments,
      setCredentialResolver: (resolver) => (credentialResolver = resolver ?? credentials),
    },
    async dispose() {
      clearInterval(flushLastUsed);
      credentialStore.flushLastUsed();
      await receiver.dispose();
      history.flush();
      await transport.close();
      bodies.dispose();
      vault.lock();
    },
  };
}
