/** The open requests (inner tabs) of the Request tab: create, close, rename, edit, send, cancel. */
import { useCallback, useMemo, useRef, useState } from 'react';
import type { RequestSpec } from '../../../../shared/contract/http';
import { isAppError } from '../../../../shared/errors';
import { api } from '../../bridge';
import { emptyDraft, newId, specJson, toSpec, type OpenRequest, type RequestDraft } from './model';

export interface NewTabOptions {
  name?: string;
  spec?: Partial<RequestSpec>;
  savedId?: string | null;
  folderId?: string | null;
  /** Mark as saved (opened from a collection). */
  saved?: boolean;
}

function makeTab(options: NewTabOptions = {}): OpenRequest {
  const draft = emptyDraft(options.spec);
  return {
    id: newId(),
    name: options.name ?? 'Untitled',
    draft,
    // A blank new tab has nothing to lose; a hand-off (token, URL) counts as unsaved.
    savedJson: options.saved || !options.spec ? specJson(draft) : null,
    savedId: options.savedId ?? null,
    folderId: options.folderId ?? null,
    sending: null,
    response: null,
    sentJson: null,
    error: null,
  };
}

export function useRequestTabs() {
  const [tabs, setTabs] = useState<OpenRequest[]>(() => [makeTab()]);
  const [activeId, setActiveId] = useState<string>(() => tabs[0]!.id);
  const tabsRef = useRef(tabs);
  tabsRef.current = tabs;

  const patch = useCallback((id: string, change: (tab: OpenRequest) => OpenRequest) => {
    setTabs((current) => current.map((tab) => (tab.id === id ? change(tab) : tab)));
  }, []);

  const newTab = useCallback((options?: NewTabOptions) => {
    const tab = makeTab(options);
    setTabs((current) => [...current, tab]);
    setActiveId(tab.id);
    return tab.id;
  }, []);

  const closeTab = useCallback((id: string) => {
    const current = tabsRef.current;
    const index = current.findIndex((tab) => tab.id === id);
    const closing = current[index];
    if (closing?.sending) void api.http.cancel(closing.sending.sendId).catch(() => {});
    let next = current.filter((tab) => tab.id !== id);
    if (next.length === 0) next = [makeTab()];
    setTabs(next);
    setActiveId((active) => (active === id ? next[Math.min(index, next.length - 1)]!.id : active));
  }, []);

  const updateDraft = useCallback(
    (id: string, change: (draft: RequestDraft) => RequestDraft) => patch(id, (tab) => ({ ...tab, draft: change(tab.draft) })),
    [patch],
  );

  const rename = useCallback((id: string, name: string) => patch(id, (tab) => ({ ...tab, name })), [patch]);

  const markSaved = useCallback(
    /** `savedJson`: what was saved, when the draft may have changed since (edits during the save stay unsaved). */
    (id: string, saved: { savedId: string; folderId: string | null; name: string }, savedJson?: string) =>
      patch(id, (tab) => ({ ...tab, ...saved, savedJson: savedJson ?? specJson(tab.draft) })),
    [patch],
  );

  /** The tab's saved request was deleted: it is a new, unsaved request again. */
  const detachSaved = useCallback(
    (id: string) => patch(id, (tab) => ({ ...tab, savedId: null, folderId: null, savedJson: null })),
    [patch],
  );

  const send = useCallback(
    /** Sends the tab's request; `change` edits the draft first (e.g. "verify TLS off" and send). */
    async (id: string, environmentId: string | null, change?: (draft: RequestDraft) => RequestDraft) => {
      const tab = tabsRef.current.find((candidate) => candidate.id === id);
      if (!tab || tab.sending) return;
      const draft = change ? change(tab.draft) : tab.draft;
      const sendId = newId('send');
      patch(id, (current) => ({ ...current, draft, sending: { startedAt: Date.now(), sendId }, error: null }));
      try {
        const response = await api.http.send({ requestId: sendId, request: toSpec(draft), environmentId, name: tab.name });
        patch(id, (current) => ({ ...current, sending: null, response, sentJson: specJson(draft), error: null }));
      } catch (error) {
        const coded = isAppError(error)
          ? { code: error.code, message: error.message, details: error.details }
          : { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) };
        patch(id, (current) => ({ ...current, sending: null, response: null, sentJson: null, error: coded }));
      }
    },
    [patch],
  );

  const cancel = useCallback(async (id: string) => {
    const tab = tabsRef.current.find((candidate) => candidate.id === id);
    if (tab?.sending) await api.http.cancel(tab.sending.sendId).catch(() => {});
  }, []);

  const active = useMemo(() => tabs.find((tab) => tab.id === activeId) ?? tabs[0]!, [tabs, activeId]);
  return { tabs, active, setActiveId, newTab, closeTab, rename, updateDraft, markSaved, detachSaved, send, cancel };
}

export type RequestTabs = ReturnType<typeof useRequestTabs>;
