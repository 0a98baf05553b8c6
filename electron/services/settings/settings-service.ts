/** Bridge face of user preferences (theme, ...), persisted in `settings.json`. */
import type { SignetServices } from '../../../shared/contract';
import { Settings } from '../../../shared/contract/settings';
import type { Document } from '../store/document';

export const SETTINGS_DOCUMENT = { name: 'settings', schema: Settings, version: 1, initial: () => Settings.parse({}) };

export function createSettingsService(settings: Document<Settings>): SignetServices['settings'] {
  return {
    get: () => settings.read(),
    update: (patch) => settings.update((current) => ({ ...current, ...patch })),
  };
}
