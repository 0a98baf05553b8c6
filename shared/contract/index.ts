/**
 * The whole bridge contract. Adding an IPC method = one entry in a namespace file here + one method
 * on the service that implements the namespace. Nothing else (no preload edit, no channel string).
 */
import type { RemoteApi, ServicesOf } from '../rpc';
import { appContract, type StoreReport } from './app';
import { certificatesContract, type CreationProgress } from './certificates';
import { inspectorContract } from './inspector';
import { credentialsContract } from './credentials';
import { receiverContract, type ReceiverLogEntry, type ReceiverStatus } from './receiver';
import { collectionsContract } from './collections';
import { environmentsContract } from './environments';
import { historyContract } from './history';
import { httpContract } from './http';
import { settingsContract } from './settings';
import { vaultContract, type VaultStatus } from './vault';

export const contract = {
  app: appContract,
  certificates: certificatesContract,
  inspector: inspectorContract,
  credentials: credentialsContract,
  receiver: receiverContract,
  collections: collectionsContract,
  environments: environmentsContract,
  history: historyContract,
  http: httpContract,
  settings: settingsContract,
  vault: vaultContract,
};

export type SignetContract = typeof contract;
/** What the renderer calls (`api.vault.unlock({...})`). */
export type SignetApi = RemoteApi<SignetContract>;
/** What the main process implements. */
export type SignetServices = ServicesOf<SignetContract>;

/** Events main pushes to the renderer over the bridge's single event channel. */
export interface SignetEvents {
  'vault.changed': VaultStatus;
  'app.storeReport': StoreReport;
  /** The certificate list changed (created, imported, renamed, deleted). */
  'certificates.changed': Record<string, never>;
  /** A creation moved on (key generated, certificate built...). */
  'certificates.progress': CreationProgress;
  /** The named credential list changed (created, saved, imported, deleted). */
  'credentials.changed': Record<string, never>;
  /** The receiver answered a request (live log). */
  'receiver.log': ReceiverLogEntry;
  /** The receiver's log was cleared (from any window). */
  'receiver.logCleared': Record<string, never>;
  /** The receiver started, stopped, or its rules changed. */
  'receiver.status': ReceiverStatus;
}
