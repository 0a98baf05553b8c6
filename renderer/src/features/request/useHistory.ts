/** History for the Request tab's sidebar: the last sends, newest first, filtered by a search text. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { HistoryEntry } from '../../../../shared/contract/history';
import { notifyError } from '../../app/notify';
import { api } from '../../bridge';

export function useHistory() {
  const [entries, setEntries] = useState<HistoryEntry[]>([]);
  const [query, setQuery] = useState('');
  // Answers can arrive out of order while typing: only the newest request's answer is shown.
  const latest = useRef(0);

  const reload = useCallback(async () => {
    const ticket = ++latest.current;
    try {
      const found = await api.history.list({ query: query.trim() || undefined });
      if (ticket === latest.current) setEntries(found);
    } catch (error) {
      if (ticket === latest.current) notifyError(error, 'Loading history');
    }
  }, [query]);

  useEffect(() => {
    const timer = setTimeout(() => void reload(), query ? 150 : 0);
    return () => clearTimeout(timer);
  }, [reload, query]);

  const remove = useCallback(
    async (id: string) => {
      try {
        await api.history.remove(id);
      } catch (error) {
        notifyError(error, 'Removing from history');
      }
      await reload();
    },
    [reload],
  );

  const clear = useCallback(async () => {
    try {
      await api.history.clear();
    } catch (error) {
      notifyError(error, 'Clearing history');
    }
    await reload();
  }, [reload]);

  return { entries, query, setQuery, reload, remove, clear };
}

export type HistoryState = ReturnType<typeof useHistory>;
