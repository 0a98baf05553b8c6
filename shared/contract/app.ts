/** Contract: what the app knows about itself (versions, host, data folder, store health). */
import { z } from 'zod';
import { method } from '../rpc';

export type HostKind = 'electron' | 'browser';

export interface AppInfo {
  name: string;
  version: string;
  host: HostKind;
  /** The data folder (Electron userData, or SIGNET_HOME). */
  dataFolder: string;
  versions: { node: string; electron?: string; chrome?: string };
  /** True where main can show native open/save dialogs (Electron); else the renderer asks for a path. */
  nativeDialogs: boolean;
  /** Where save dialogs start (the user's Downloads folder, else home). */
  defaultSaveFolder: string;
}

/** A data file that could not be read and was moved aside instead of being silently replaced. */
export interface StoreReport {
  file: string;
  movedTo: string;
  reason: string;
  at: string;
}

export const appContract = {
  info: method(z.tuple([])).returns<AppInfo>(),
  storeReports: method(z.tuple([])).returns<StoreReport[]>(),
  /** Opens an http(s) link in the system browser. */
  openExternal: method(z.tuple([z.url({ protocol: /^https?$/ })])).returns<void>(),
};
