/** Signet's look: dense and calm, light and dark. The color scheme is remembered by main (settings). */
import {
  createTheme,
  darken,
  DEFAULT_THEME,
  type CSSVariablesResolver,
  type MantineColorScheme,
  type MantineColorSchemeManager,
} from '@mantine/core';
import type { ThemePreference } from '../../../shared/contract/settings';
import { api } from '../bridge';
import { notifyError } from './notify';

export const theme = createTheme({
  primaryColor: 'indigo',
  // WCAG AA contrast (4.5:1, checked by test/renderer/shell/a11y.test.ts): white on indigo 6 is 4.3:1, on 7 it is 5:1;
  // filled buttons and badges pick black or white text by the background's luminance (white passes up to 0.18).
  primaryShade: { light: 7, dark: 8 },
  autoContrast: true,
  luminanceThreshold: 0.18,
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
    // Mantine's close buttons have no accessible name of their own.
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
  },
});

/**
 * Mantine's defaults under WCAG AA contrast: dimmed text (gray 6 on white, 3.3:1; dark 2 on dark 7, 4.2:1) and, in
 * light, colored text and light-variant labels (shade 6 or 9 on white or on shade 1: from 2.7:1 for yellow) are darkened.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => {
  const light: Record<string, string> = { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)' };
  for (const [name, shades] of Object.entries(DEFAULT_THEME.colors)) {
    if (name === 'gray' || name === 'dark') continue;
    const readable = darken(shades[9], 0.3);
    light[`--mantine-color-${name}-text`] = readable;
    light[`--mantine-color-${name}-light-color`] = readable;
  }
  return { variables: {}, light, dark: { '--mantine-color-dimmed': 'var(--mantine-color-dark-1)' } };
};

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
