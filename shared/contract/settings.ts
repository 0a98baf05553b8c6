/** Contract: user preferences that are not secrets (theme, ...). */
import { z } from 'zod';
import { method } from '../rpc';

export const ThemePreference = z.enum(['system', 'light', 'dark']);
export type ThemePreference = z.infer<typeof ThemePreference>;

export const Settings = z.object({
  theme: ThemePreference.default('system'),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = Settings.partial().strict();

export const settingsContract = {
  get: method(z.tuple([])).returns<Settings>(),
  update: method(z.tuple([SettingsPatch])).returns<Settings>(),
};
