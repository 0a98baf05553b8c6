/** Signet's look: dense and calm, light and dark. The color scheme is remembered by main (settings). */
import { createTheme, type MantineColorScheme, type MantineColorSchemeManager } from '@mantine/core';
import type { ThemePreference } from '../../../shared/contract/settings';
import { api } from '../bridge';
import { notifyError } from './notify';

export const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
  fontSizes: { xs: '11px', sm: '12px', md: '13px', lg: '15px', xl: '17px' },
  fontFamilyMonospace: 'ui-monospace, "JetBrains Mono", "Cascadia Code", Menlo, Consolas, monospace',
  components: {
    Button: { defaultProps: { size: 'xs' } },
    TextInput: { defaultProps: { size: 'xs' } },
    PasswordInput: { defaultProps: { size: 'xs' } },
    NumberInput: { defaultProps: { size: 'xs' } },
    Select: { defaultProps: { size: 'xs' } },
    Textarea: { defaultProps: { size: 'xs' } },
    Checkbox: { defaultProps: { size: 'xs' } },
    Switch: { defaultProps: { size: 'xs' } },
    SegmentedControl: { defaultProps: { size: 'xs' } },
    // Hidden panels unmount; a main tab that must keep its state says so in app/tabs.tsx.
    Tabs: { defaultProps: { keepMounted: false } },
  },
});

const toScheme = (preference: ThemePreference): MantineColorScheme => (preference === 'system' ? 'auto' : preference);
export const toPreference = (scheme: MantineColorScheme): ThemePreference => (scheme === 'auto' ? 'system' : scheme);

/** Mantine's color-scheme storage, backed by the settings file in main instead of localStorage. */
export function settingsColorSchemeManager(initial: ThemePreference): MantineColorSchemeManager {
  let current = toScheme(initial);
  return {
    get: () => current,
    set: (value) => {
      current = value;
      api.settings.update({ theme: toPreference(value) }).catch((error: unknown) => {
        notifyError(
          error,
          'Saving the theme',
          'The theme applies now but was not saved: Signet will open with the previous one next time.',
        );
      });
    },
    subscribe: () => {},
    unsubscribe: () => {},
    clear: () => {
      current = 'auto';
    },
  };
}
