/** The Electron host: the product. Composition root — protocol, window, services, IPC. */
import { app, BrowserWindow, dialog, ipcMain, protocol, safeStorage, session, shell } from 'electron';
import { fileURLToPath } from 'node:url';
import { loadAsset } from './host/assets';
import { createBackend } from './host/backend';
import { serveOverIpc, webContentsEventSink } from './ipc';
import { electronSaveDialog } from './platform/dialogs';
import { electronStoreFiles } from './platform/electron-store-files';
import { safeStorageKeyStore } from './platform/safe-storage';
import { denyPermissions } from './platform/window-hardening';
import { APP_ORIGIN, APP_SCHEME, createMainWindow, isExternalLink } from './window';

const PRELOAD = fileURLToPath(new URL('../preload/preload.cjs', import.meta.url));
const RENDERER_DIR = fileURLToPath(new URL('../renderer/', import.meta.url));

// SIGNET_HOME overrides the data folder everywhere (tests use a fresh one each).
if (process.env.SIGNET_HOME) app.setPath('userData', process.env.SIGNET_HOME);

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

if (!process.env.SIGNET_MULTI_INSTANCE && !app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | undefined;
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  void app.whenReady().then(() => {
    const dataFolder = app.getPath('userData');
    protocol.handle(APP_SCHEME, async (request) => {
      const url = new URL(request.url);
      if (url.host !== 'signet') return new Response('Not found', { status: 404 });
      const asset = await loadAsset(RENDERER_DIR, url.pathname);
      return new Response(new Uint8Array(asset.body), { status: asset.status, headers: asset.headers });
    });
    denyPermissions(session.defaultSession);

    const backend = createBackend({
      dataFolder,
      files: electronStoreFiles(dataFolder),
      osKeyStore: safeStorageKeyStore(safeStorage),
      saveDialog: electronSaveDialog(() => app.getPath('downloads')),
      openExternal: async (url) => {
        if (isExternalLink(url)) await shell.openExternal(url);
      },
      info: {
        name: 'Signet',
        version: app.getVersion(),
        host: 'electron',
        versions: { node: process.versions.node, electron: process.versions.electron, chrome: process.versions.chrome },
        nativeDialogs: true,
        defaultSaveFolder: app.getPath('downloads'),
      },
    });
    backend.setEventSink(webContentsEventSink(() => mainWindow?.webContents));
    serveOverIpc(ipcMain, backend.dispatch, APP_ORIGIN);

    mainWindow = createMainWindow(PRELOAD);
    mainWindow.on('closed', () => (mainWindow = undefined));
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow(PRELOAD);
    });

    let quitting = false;
    app.on('before-quit', (event) => {
      if (quitting) return;
      event.preventDefault();
      quitting = true;
      // Stop servers and drop keys before the process goes.
      void backend.close().finally(() => app.quit());
    });
    process.on('uncaughtException', (error) => {
      backend.logger.error('Uncaught exception in main', { error });
      dialog.showErrorBox('Signet', 'An unexpected error occurred. Details are in the log in the data folder.');
    });
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
