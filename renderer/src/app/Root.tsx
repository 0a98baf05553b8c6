/** Providers around the app: theme, notifications, error boundary. */
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { useMemo } from 'react';
import type { AppInfo, StoreReport } from '../../../shared/contract/app';
import type { Settings } from '../../../shared/contract/settings';
import type { VaultStatus } from '../../../shared/contract/vault';
import { App } from './App';
import { ErrorBoundary } from './ErrorBoundary';
import { cssVariablesResolver, settingsColorSchemeManager, theme } from './theme';

export interface InitialState {
  info: AppInfo;
  settings: Settings;
  vault: VaultStatus;
  storeReports: StoreReport[];
}

export function Root({ initial }: { initial: InitialState }) {
  const colorSchemeManager = useMemo(() => settingsColorSchemeManager(initial.settings.theme), [initial.settings.theme]);
  return (
    <MantineProvider
      theme={theme}
      cssVariablesResolver={cssVariablesResolver}
      colorSchemeManager={colorSchemeManager}
      defaultColorScheme="auto"
    >
      <Notifications position="bottom-right" limit={4} />
      <ErrorBoundary area="Signet">
        <App initial={initial} />
      </ErrorBoundary>
    </MantineProvider>
  );
}
