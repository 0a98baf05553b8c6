/**
 * Contract: history — every send (the last 500), searchable, reopenable. Persisted with
 * Authorization, cookies and token values redacted.
 */
import { z } from 'zod';
import { method } from '../rpc';
import type { RequestSpec } from './http';

export const HISTORY_LIMIT = 500;
/** What a redacted value is replaced with. */
export const REDACTED = '<redacted>';

export interface HistoryEntry {
  id: string;
  /** ISO time of the send. */
  at: string;
  name?: string;
  /** The request as built, with secrets redacted. */
  request: RequestSpec;
  environmentId?: string | null;
  status?: number;
  statusText?: string;
  totalMs?: number;
  size?: number;
  /** The coded error, when the send failed. */
  error?: { code: string; message: string };
}

export const historyContract = {
  list: method(z.tuple([z.object({ query: z.string().max(500).optional() }).default({})])).returns<HistoryEntry[]>(),
  remove: method(z.tuple([z.string().min(1).max(64)])).returns<void>(),
  clear: method(z.tuple([])).returns<void>(),
};
