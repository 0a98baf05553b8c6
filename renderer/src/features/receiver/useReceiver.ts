/** The receiver's status, configuration and live log, kept fresh by the bridge's events. */
import { useCallback, useEffect, useState } from 'react';
import type { ReceiverConfig, ReceiverConfigPatch, ReceiverLogEntry, ReceiverStatus } from '../../../../shared/contract/receiver';
import { isAppError } from '../../../../shared/errors';
import { notifyError } from '../../app/notify';
import { api, events } from '../../bridge';

/** Entries the view keeps (the service keeps its own, larger window). */
const VIEW_LIMIT = 500;

export interface ReceiverState {
  status: ReceiverStatus | null;
  config: ReceiverConfig | null;
  log: ReceiverLogEntry[];
  /** Registered clients whose secret is set. */
  secretsSet: string[];
  busy: boolean;
  /** Field name → message from the last refused save (BAD_INPUT). */
  fieldErrors: Record<string, string>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Saves a partial configuration; resolves false (after telling the user) when it was refused. */
  save(patch: ReceiverConfigPatch): Promise<boolean>;
  clearLog(): Promise<void>;
  reloadSecrets(): Promise<void>;
}

export function useReceiver(): ReceiverState {
  const [status, setStatus] = useState<ReceiverStatus | null>(null);
  const [config, setConfig] = useState<ReceiverConfig | null>(null);
  const [log, setLog] = useState<ReceiverLogEntry[]>([]);
  const [secretsSet, setSecretsSet] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});

  const reloadSecrets = useCallback(async () => {
    try {
      setSecretsSet(await api.receiver.clientSecretsSet());
    } catch (error) {
      notifyError(error, 'Loading client secrets');
    }
  }, []);

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const [nextStatus, nextConfig, nextLog] = await Promise.all([api.receiver.status(), api.receiver.getConfig(), api.receiver.log()]);
        if (!live) return;
        setStatus(nextStatus);
        setConfig(nextConfig);
        setLog((current) => mergeLog(nextLog, current));
      } catch (error) {
        notifyError(error, 'Loading the receiver');
      }
    })();
    void reloadSecrets();
    const offStatus = events.on('receiver.status', (next) => setStatus(next));
    const offLog = events.on('receiver.log', (entry) => setLog((current) => mergeLog(current, [entry])));
    const offLogCleared = events.on('receiver.logCleared', () => setLog([]));
    return () => {
      live = false;
      offStatus();
      offLog();
      offLogCleared();
    };
  }, [reloadSecrets]);

  const run = useCallback(async (action: string, call: () => Promise<ReceiverStatus>) => {
    setBusy(true);
    try {
      setStatus(await call());
    } catch (error) {
      notifyError(error, action);
    } finally {
      setBusy(false);
    }
  }, []);

  const save = useCallback(async (patch: ReceiverConfigPatch) => {
    try {
      setConfig(await api.receiver.configure(patch));
      setFieldErrors({});
      return true;
    } catch (error) {
      setFieldErrors(fieldErrorsOf(error));
      notifyError(error, 'Saving the receiver settings');
      return false;
    }
  }, []);

  return {
    status,
    config,
    log,
    secretsSet,
    busy,
    fieldErrors,
    start: () => run('Starting the receiver', () => api.receiver.start()),
    stop: () => run('Stopping the receiver', () => api.receiver.stop()),
    save,
    async clearLog() {
      try {
        await api.receiver.clearLog();
        setLog([]);
      } catch (error) {
        notifyError(error, 'Clearing the log');
      }
    },
    reloadSecrets,
  };
}

/** BAD_INPUT issues by field (`details.issues[].path` is [argument index, field, ...]). */
function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!isAppError(error, 'BAD_INPUT')) return {};
  const issues = (error.details?.issues ?? []) as { path: string[]; message: string }[];
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const field = issue.path[1];
    if (field && !errors[field]) errors[field] = issue.message;
  }
  return errors;
}

/** Newest last, each id once, bounded. */
function mergeLog(base: ReceiverLogEntry[], more: ReceiverLogEntry[]): ReceiverLogEntry[] {
  const byId = new Map(base.map((entry) => [entry.id, entry]));
  for (const entry of more) byId.set(entry.id, entry);
  return [...byId.values()].sort((a, b) => a.id - b.id).slice(-VIEW_LIMIT);
}
