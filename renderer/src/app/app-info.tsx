/** The app's facts (host, data folder, dialogs) for any component that needs them. */
import { createContext, useContext } from 'react';
import type { AppInfo } from '../../../shared/contract/app';

export const AppInfoContext = createContext<AppInfo | null>(null);

export function useAppInfo(): AppInfo {
  const info = useContext(AppInfoContext);
  if (!info) throw new Error('useAppInfo outside AppInfoContext');
  return info;
}
