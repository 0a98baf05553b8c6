/** Collections for the Request tab's sidebar: the saved requests and folders, and edits to them. */
import { useCallback, useEffect, useState } from 'react';
import type { CollectionFolder, Collections, SavedRequest } from '../../../../shared/contract/collections';
import type { RequestSpec } from '../../../../shared/contract/http';
import { notifyError } from '../../app/notify';
import { api } from '../../bridge';

type Kind = 'folder' | 'request';

export function useCollections() {
  const [collections, setCollections] = useState<Collections>({ folders: [], requests: [] });

  const reload = useCallback(async () => {
    try {
      setCollections(await api.collections.list());
    } catch (error) {
      notifyError(error, 'Loading collections');
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);

  // Edits throw the coded error so the dialog that asked can show it; the list is reloaded either way.
  const edit = useCallback(
    async (run: () => Promise<Collections>): Promise<Collections> => {
      try {
        const next = await run();
        setCollections(next);
        return next;
      } catch (error) {
        void reload();
        throw error;
      }
    },
    [reload],
  );

  const rename = useCallback((kind: Kind, id: string, name: string) => edit(() => api.collections.rename({ kind, id, name })), [edit]);
  const move = useCallback(
    (kind: Kind, id: string, folderId: string | null) => edit(() => api.collections.move({ kind, id, folderId })),
    [edit],
  );
  const remove = useCallback((kind: Kind, id: string) => edit(() => api.collections.remove({ kind, id })), [edit]);

  const createFolder = useCallback(
    async (name: string, parentId: string | null): Promise<CollectionFolder> => {
      const folder = await api.collections.createFolder({ name, parentId });
      await reload();
      return folder;
    },
    [reload],
  );

  /** Creates (no id) or replaces a saved request; throws the coded error. */
  const saveRequest = useCallback(
    async (input: { id?: string; name: string; folderId: string | null; request: RequestSpec }): Promise<SavedRequest> => {
      const saved = await api.collections.saveRequest(input);
      await reload();
      return saved;
    },
    [reload],
  );

  return { collections, reload, rename, move, remove, createFolder, saveRequest };
}

export type CollectionsState = ReturnType<typeof useCollections>;
