/** The Request tab's left sidebar: Collections and History, collapsible to a thin strip. */
import { ActionIcon, Box, Group, Tabs, Tooltip } from '@mantine/core';
import { IconLayoutSidebarLeftCollapse, IconLayoutSidebarLeftExpand } from '@tabler/icons-react';
import { useState } from 'react';
import { CollectionsPanel } from './CollectionsPanel';
import { HistoryPanel } from './HistoryPanel';
import type { RequestLibrary } from './useRequestLibrary';

const border = '1px solid var(--mantine-color-default-border)';

export function RequestSidebar({ library }: { library: RequestLibrary }) {
  const [open, setOpen] = useState(true);
  const [section, setSection] = useState<string | null>('collections');
  if (!open) {
    return (
      <Box py={4} px={2} style={{ borderRight: border }}>
        <Tooltip label="Show collections and history" position="right">
          <ActionIcon variant="subtle" aria-label="Show sidebar" aria-expanded={false} onClick={() => setOpen(true)}>
            <IconLayoutSidebarLeftExpand size={16} />
          </ActionIcon>
        </Tooltip>
      </Box>
    );
  }
  return (
    <Box
      component="aside"
      aria-label="Collections and history"
      w={280}
      style={{ borderRight: border, display: 'flex', flexDirection: 'column', minHeight: 0, flexShrink: 0 }}
    >
      <Tabs value={section} onChange={setSection} style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
        <Group gap={0} wrap="nowrap" align="center">
          <Tabs.List style={{ flex: 1, flexWrap: 'nowrap' }}>
            <Tabs.Tab value="collections" fz="xs" px="xs">
              Collections
            </Tabs.Tab>
            <Tabs.Tab value="history" fz="xs" px="xs">
              History
            </Tabs.Tab>
          </Tabs.List>
          <ActionIcon variant="subtle" aria-label="Hide sidebar" aria-expanded onClick={() => setOpen(false)} mx={4}>
            <IconLayoutSidebarLeftCollapse size={16} />
          </ActionIcon>
        </Group>
        <Box p={4} style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
          <Tabs.Panel value="collections">
            <CollectionsPanel
              state={library.collections}
              onOpen={library.openSaved}
              onRenamed={library.renameOpen}
              onRemoved={library.detachMissing}
            />
          </Tabs.Panel>
          <Tabs.Panel value="history">
            <HistoryPanel state={library.history} onOpen={library.openFromHistory} />
          </Tabs.Panel>
        </Box>
      </Tabs>
    </Box>
  );
}
