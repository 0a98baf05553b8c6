/** The shell: header (title, vault state, theme, settings) and the five tabs behind the vault gate. */
import { ActionIcon, Badge, Box, Button, Group, SegmentedControl, Tabs, Title, Tooltip, useMantineColorScheme } from '@mantine/core';
import { IconLock, IconLockOpen, IconSettings } from '@tabler/icons-react';
import { useState } from 'react';
import type { VaultState } from '../../../shared/contract/vault';
import { api } from '../bridge';
import { SettingsDialog } from '../features/settings/SettingsDialog';
import { useVaultStatus } from '../features/vault/useVaultStatus';
import { VaultGate } from '../features/vault/VaultGate';
import { SaveFileProvider } from '../components/SaveFile';
import { AppInfoContext } from './app-info';
import { ErrorBoundary } from './ErrorBoundary';
import { NavigationProvider, useNavigation, type TabId } from './navigation';
import { notifyError } from './notify';
import type { InitialState } from './Root';
import { StoreReportBanner } from './StoreReportBanner';
import { TABS } from './tabs';
import { toPreference } from './theme';

const VAULT_BADGE: Record<VaultState, string> = {
  'not-set-up': 'Not set up',
  locked: 'Locked',
  unlocked: 'Unlocked',
  unavailable: 'Unavailable',
};

export function App({ initial }: { initial: InitialState }) {
  const [vault, setVault] = useVaultStatus(initial.vault);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const unlocked = vault.state === 'unlocked';

  const lock = async () => {
    try {
      setVault(await api.vault.lock());
    } catch (error) {
      notifyError(error, 'Locking');
    }
  };

  return (
    <AppInfoContext.Provider value={initial.info}>
      <SaveFileProvider>
        <Box h="100%" style={{ display: 'flex', flexDirection: 'column' }}>
          <Group
            component="header"
            justify="space-between"
            px="sm"
            py={6}
            style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
          >
            <Group gap="sm">
              <Title order={1} size="h4">
                Signet
              </Title>
              <Badge
                variant="light"
                color={unlocked ? 'teal' : 'gray'}
                leftSection={unlocked ? <IconLockOpen size={12} /> : <IconLock size={12} />}
                aria-label={`Vault ${VAULT_BADGE[vault.state].toLowerCase()}`}
              >
                {VAULT_BADGE[vault.state]}
              </Badge>
            </Group>
            <Group gap="xs">
              {unlocked && vault.protector === 'passphrase' && (
                <Button variant="subtle" leftSection={<IconLock size={14} />} onClick={lock}>
                  Lock
                </Button>
              )}
              <ThemeSwitch />
              <Tooltip label="Settings">
                <ActionIcon variant="subtle" aria-label="Settings" onClick={() => setSettingsOpen(true)}>
                  <IconSettings size={16} />
                </ActionIcon>
              </Tooltip>
            </Group>
          </Group>
          <StoreReportBanner initial={initial.storeReports} />
          <Box style={{ flex: 1, minHeight: 0 }}>
            {unlocked ? (
              <NavigationProvider>
                <MainTabs />
              </NavigationProvider>
            ) : (
              <VaultGate status={vault} onChange={setVault} />
            )}
          </Box>
          <SettingsDialog opened={settingsOpen} onClose={() => setSettingsOpen(false)} info={initial.info} vault={vault} />
        </Box>
      </SaveFileProvider>
    </AppInfoContext.Provider>
  );
}

function MainTabs() {
  const { active, goTo } = useNavigation();
  return (
    <Tabs value={active} onChange={(value) => value && goTo(value as TabId)} h="100%" style={{ display: 'flex', flexDirection: 'column' }}>
      <Tabs.List px="sm">
        {TABS.map((tab) => (
          <Tabs.Tab key={tab.id} value={tab.id}>
            {tab.label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {TABS.map(({ id, label, Panel, keepMounted }) => (
        <Tabs.Panel key={id} value={id} keepMounted={keepMounted} style={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
          <ErrorBoundary area={`the ${label} tab`}>
            <Panel />
          </ErrorBoundary>
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}

function ThemeSwitch() {
  const { colorScheme, setColorScheme } = useMantineColorScheme();
  return (
    <SegmentedControl
      aria-label="Theme"
      value={toPreference(colorScheme)}
      onChange={(value) => setColorScheme(value === 'system' ? 'auto' : (value as 'light' | 'dark'))}
      data={[
        { value: 'system', label: 'System' },
        { value: 'light', label: 'Light' },
        { value: 'dark', label: 'Dark' },
      ]}
    />
  );
}
