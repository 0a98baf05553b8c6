/**
 * What the Request tab keeps beyond its open requests: collections and history, opening from
 * them, and saving the active request (Ctrl/Cmd+S or Save) — in place when it came from a
 * collection, else through a dialog that names it and picks its folder.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Collections, SavedRequest } from '../../../../shared/contract/collections';
import type { HistoryEntry } from '../../../../shared/contract/history';
import { useNavigation } from '../../app/navigation';
import { notifyError, notifySuccess } from '../../app/notify';
import { dialogOpen } from '../../app/shortcuts';
import { SaveRequestDialog, type SaveTarget } from './CollectionDialogs';
import { specJson, toSpec } from './model';
import { useCollections } from './useCollections';
import { useHistory } from './useHistory';
import type { RequestTabs } from './useRequestTabs';

export function useRequestLibrary(tabs: RequestTabs) {
  const collections = useCollections();
  const history = useHistory();
  const { active: activeMainTab } = useNavigation();
  const [naming, setNaming] = useState<string | null>(null);
  const tabsRef = useRef(tabs);
  tabsRef.current = tabs;
  const savedRef = useRef(collections.collections.requests);
  savedRef.current = collections.collections.requests;

  // Each send starts and ends with a change here; main has recorded the send by the time it ends.
  const sendingKey = tabs.tabs.map((tab) => tab.sending?.sendId ?? '').join(',');
  const reloadHistory = useRef(history.reload);
  reloadHistory.current = history.reload;
  useEffect(() => {
    void reloadHistory.current();
  }, [sendingKey]);

  const { reload: reloadCollections } = collections;
  useEffect(() => {
    if (activeMainTab === 'request') void reloadCollections();
  }, [activeMainTab, reloadCollections]);

  const openSaved = useCallback((saved: SavedRequest) => {
    const { tabs: open, setActiveId, newTab } = tabsRef.current;
    const already = open.find((tab) => tab.savedId === saved.id);
    if (already) setActiveId(already.id);
    else newTab({ name: saved.name, spec: saved.request, savedId: saved.id, folderId: saved.folderId, saved: true });
  }, []);

  const openFromHistory = useCallback((entry: HistoryEntry) => {
    tabsRef.current.newTab({ name: entry.name ?? `${entry.request.method} ${entry.request.url}`, spec: entry.request });
  }, []);

  const renameOpen = useCallback((savedId: string, name: string) => {
    for (const tab of tabsRef.current.tabs) if (tab.savedId === savedId) tabsRef.current.rename(tab.id, name);
  }, []);

  /** After a delete: open tabs whose saved request is gone become unsaved requests. */
  const detachMissing = useCallback((next: Collections) => {
    const kept = new Set(next.requests.map((saved) => saved.id));
    for (const tab of tabsRef.current.tabs) if (tab.savedId && !kept.has(tab.savedId)) tabsRef.current.detachSaved(tab.id);
  }, []);

  /** Saves an inner tab: in place when its saved request still exists, else asks for a name and folder. */
  const save = useCallback(
    async (tabId: string) => {
      const tab = tabsRef.current.tabs.find((candidate) => candidate.id === tabId);
      if (!tab) return;
      const existing = tab.savedId ? savedRef.current.find((saved) => saved.id === tab.savedId) : undefined;
      if (!existing) {
        setNaming(tab.id);
        return;
      }
      try {
        const saved = await collections.saveRequest({
          id: existing.id,
          name: tab.name,
          folderId: existing.folderId,
          request: toSpec(tab.draft),
        });
        tabsRef.current.markSaved(tab.id, { savedId: saved.id, folderId: saved.folderId, name: saved.name }, specJson(tab.draft));
        notifySuccess(`${saved.name} was saved.`);
      } catch (error) {
        notifyError(error, 'Saving the request');
      }
    },
    [collections],
  );

  const saveActive = useCallback(() => void save(tabsRef.current.active.id), [save]);

  useEffect(() => {
    if (activeMainTab !== 'request') return;
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's' && !dialogOpen()) {
        // Capture phase: the editors must not see it, and the browser must not offer "Save page".
        event.preventDefault();
        event.stopPropagation();
        saveActive();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [activeMainTab, saveActive]);

  const saveNew = async (tabId: string, target: SaveTarget) => {
    const tab = tabsRef.current.tabs.find((candidate) => candidate.id === tabId);
    if (!tab) return;
    const folderId = target.newFolder ? (await collections.createFolder(target.newFolder, target.folderId)).id : target.folderId;
    const saved = await collections.saveRequest({ name: target.name, folderId, request: toSpec(tab.draft) });
    tabsRef.current.markSaved(tab.id, { savedId: saved.id, folderId: saved.folderId, name: saved.name }, specJson(tab.draft));
  };

  const namingTab = naming ? tabs.tabs.find((tab) => tab.id === naming) : undefined;
  const saveDialog = namingTab ? (
    <SaveRequestDialog
      key={namingTab.id}
      collections={collections.collections}
      initialName={namingTab.name}
      onSave={(target) => saveNew(namingTab.id, target)}
      onClose={() => setNaming(null)}
    />
  ) : null;

  return { collections, history, openSaved, openFromHistory, renameOpen, detachMissing, saveActive, saveDialog };
}

export type RequestLibrary = ReturnType<typeof useRequestLibrary>;
