/** Bridge face of the app itself: versions, host, data folder, store health, external links. */
import type { SignetServices } from '../../../shared/contract';
import type { AppInfo } from '../../../shared/contract/app';
import { AppError } from '../../../shared/errors';
import type { StoreReports } from '../store/document';

export interface AppServiceDeps {
  info: AppInfo;
  reports: StoreReports;
  /** Opens a URL in the system browser; absent where the host cannot (headless tests). */
  openExternal?: (url: string) => Promise<void>;
}

export function createAppService({ info, reports, openExternal }: AppServiceDeps): SignetServices['app'] {
  return {
    info: () => info,
    storeReports: () => reports.list(),
    async openExternal(url) {
      if (!openExternal) throw new AppError('NOT_FOUND', 'This window cannot open links. Copy the address into your browser.');
      await openExternal(url);
    },
  };
}
