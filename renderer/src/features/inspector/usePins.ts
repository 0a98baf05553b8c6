/** Pinned tokens (kept in the vault by main), shared by the token box and the lists. */
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { PinnedToken } from '../../../../shared/contract/inspector';
import { notifyError } from '../../app/notify';
import { api } from '../../bridge';

let pins: PinnedToken[] = [];
const listeners = new Set<() => void>();
const publish = (next: PinnedToken[]) => {
  pins = next;
  for (const listener of listeners) listener();
};
const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export function usePins() {
  const current = useSyncExternalStore(subscribe, () => pins);
  const reload = useCallback(async () => {
    try {
      publish(await api.inspector.pins());
    } catch (error) {
      notifyError(error, 'Loading pinned tokens');
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { pins: current, reload };
}
