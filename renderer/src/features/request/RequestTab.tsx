/**
 * The Request tab: several requests open as inner tabs, an environment picker, and the editor with
 * its response. Ctrl/Cmd+Enter sends, Esc cancels, Ctrl/Cmd+S saves. Other tabs open a request
 * here with `goTo('request', { bearerToken?, url?, credentialName? })`.
 */
import { ActionIcon, Box, Button, Group, Select, Title, Tooltip } from '@mantine/core';
import { IconAdjustmentsHorizontal } from '@tabler/icons-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useIntent, useNavigation } from '../../app/navigation';
import { dialogOpen } from '../../app/shortcuts';
import { variableSource } from '../../../../shared/request/variables';
import { api, events } from '../../bridge';
import { EnvironmentsDialog } from './EnvironmentsDialog';
import { CurlImportDialog, ExportDialog } from './ImportExport';
import { PostmanImportDialog } from './PostmanImportDialog';
import { RequestEditor } from './RequestEditor';
import { RequestTabStrip } from './RequestTabStrip';
import { RequestSidebar } from './Sidebar';
import { sentForExport } from './model';
import { useEnvironments } from './useEnvironments';
import { useRequestLibrary } from './useRequestLibrary';
import { useRequestTabs } from './useRequestTabs';
import type { CredentialSummary } from './model';

/**
 * The named credentials `callout:` can use, refreshed each time the Request tab is shown and on
 * every change while it shows (a Postman import creates some without leaving the tab).
 */
function useCredentials(): CredentialSummary[] {
  const [credentials, setCredentials] = useState<CredentialSummary[]>([]);
  const { active } = useNavigation();
  useEffect(() => {
    if (active !== 'request') return;
    const load = () =>
      api.credentials.list().then(
        (profiles) => setCredentials(profiles.map(({ name, label, protocol }) => ({ name, label, protocol }))),
        () => setCredentials([]),
      );
    void load();
    return events.on('credentials.changed', () => void load());
  }, [active]);
  return credentials;
}

export function RequestTab() {
  const tabs = useRequestTabs();
  const library = useRequestLibrary(tabs);
  const environments = useEnvironments();
  const credentials = useCredentials();
  const { active: activeTab } = useNavigation();
  const intent = useIntent('request');
  const handled = useRef(0);
  const { newTab } = tabs;

  useEffect(() => {
    if (!intent || intent.seq === handled.current) return;
    handled.current = intent.seq;
    const { bearerToken, url, credentialName } = intent.payload;
    newTab({
      name: credentialName ?? (bearerToken ? 'With token' : 'Untitled'),
      spec: {
        url: url ?? (credentialName ? `callout:${credentialName}/` : ''),
        auth: bearerToken ? { type: 'bearer', token: bearerToken } : { type: 'inherit' },
      },
    });
  }, [intent, newTab]);

  const current = tabs.active;
  const [dialog, setDialog] = useState<'import' | 'postman' | 'export' | 'environments' | null>(null);
  const send = useCallback(() => void tabs.send(current.id, environments.activeId), [tabs, current.id, environments.activeId]);
  const cancel = useCallback(() => void tabs.cancel(current.id), [tabs, current.id]);

  // Keyboard shortcuts while the Request tab is showing (capture: CodeMirror binds Mod-Enter too).
  useEffect(() => {
    if (activeTab !== 'request') return;
    const onKey = (event: KeyboardEvent) => {
      if (dialogOpen()) return;
      const mod = event.ctrlKey || event.metaKey;
      if (mod && event.key === 'Enter') {
        event.preventDefault();
        event.stopPropagation();
        send();
      } else if (event.key === 'Escape' && current.sending) {
        cancel();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [activeTab, send, cancel, current.sending]);

  const variables = useMemo(() => (name: string) => variableSource(environments.active, name), [environments.active]);

  return (
    <Box h="100%" style={{ display: 'flex', flexDirection: 'column' }}>
      <Group justify="space-between" px="sm" py={4} gap="xs">
        <Title order={2} size="h5">
          Request
        </Title>
        <Group gap="xs">
          <Button size="xs" variant="default" onClick={() => setDialog('import')}>
            Import cURL
          </Button>
          <Button size="xs" variant="default" onClick={() => setDialog('postman')}>
            Import Postman
          </Button>
          <Button size="xs" variant="default" onClick={() => setDialog('export')}>
            Export
          </Button>
          <Select
            size="xs"
            w={220}
            aria-label="Environment"
            placeholder="No environment"
            clearable
            data={environments.environments.map((environment) => ({ value: environment.id, label: environment.name }))}
            value={environments.activeId}
            onChange={(id) => void environments.setActive(id)}
          />
          <Tooltip label="Manage environments">
            <ActionIcon variant="default" aria-label="Manage environments" onClick={() => setDialog('environments')}>
              <IconAdjustmentsHorizontal size={16} />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      <CurlImportDialog
        opened={dialog === 'import'}
        onClose={() => setDialog(null)}
        onImport={({ request }) => tabs.newTab({ name: 'From cURL', spec: request })}
      />
      {dialog === 'postman' && (
        <PostmanImportDialog
          onClose={() => setDialog(null)}
          onImported={() => {
            void environments.reload();
            void library.collections.reload();
          }}
        />
      )}
      {dialog === 'environments' && <EnvironmentsDialog environments={environments} onClose={() => setDialog(null)} />}
      {dialog === 'export' && (
        <ExportDialog
          opened
          onClose={() => setDialog(null)}
          draft={current.draft}
          sent={sentForExport(current)}
          changedSinceSend={!!current.response && !sentForExport(current)}
        />
      )}
      {library.saveDialog}
      <Box style={{ flex: 1, minHeight: 0, display: 'flex' }}>
        <RequestSidebar library={library} />
        <Box style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
          <RequestTabStrip
            tabs={tabs.tabs}
            activeId={current.id}
            onSelect={tabs.setActiveId}
            onClose={tabs.closeTab}
            onRename={tabs.rename}
            onNew={() => tabs.newTab()}
            onSave={library.saveActive}
          />
          <Box p="sm" style={{ flex: 1, minHeight: 0 }}>
            <RequestEditor
              key={current.id}
              open={current}
              onDraft={(change) => tabs.updateDraft(current.id, change)}
              onSend={send}
              onCancel={cancel}
              onRetryWithoutTls={() =>
                void tabs.send(current.id, environments.activeId, (draft) => ({
                  ...draft,
                  settings: { ...draft.settings, verifyTls: false },
                }))
              }
              credentials={credentials}
              variables={variables}
            />
          </Box>
        </Box>
      </Box>
    </Box>
  );
}
