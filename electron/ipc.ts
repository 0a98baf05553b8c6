/** The single IPC channel: checks the sender frame, then hands over to the dispatcher. */
import type { IpcMain, WebContents, WebFrameMain } from 'electron';
import type { SignetEvents } from '../shared/contract';
import { AppError, toWireError } from '../shared/errors';
import type { Dispatcher, EventSink, RpcResult } from '../shared/rpc';

export const INVOKE_CHANNEL = 'signet:invoke';
export const EVENT_CHANNEL = 'signet:event';

/** Checklist #17: only the app's own main frame may call (no sub-frames, no other origins). */
export function isTrustedSender(frame: Pick<WebFrameMain, 'url' | 'parent'> | null | undefined, appOrigin: string): boolean {
  if (!frame || frame.parent !== null) return false;
  try {
    // Compare scheme and host: URL.origin is "null" for custom schemes, so it cannot be used here.
    const url = new URL(frame.url);
    const app = new URL(appOrigin);
    return url.protocol === app.protocol && url.host === app.host;
  } catch {
    return false;
  }
}

const FORBIDDEN: RpcResult = { ok: false, error: toWireError(new AppError('FORBIDDEN', 'Only the Signet window may call Signet.')) };

export function serveOverIpc(ipcMain: IpcMain, dispatch: Dispatcher, appOrigin: string): () => void {
  ipcMain.handle(INVOKE_CHANNEL, (event, path: unknown, args: unknown) =>
    isTrustedSender(event.senderFrame, appOrigin) ? dispatch(path, args) : FORBIDDEN,
  );
  return () => ipcMain.removeHandler(INVOKE_CHANNEL);
}

export function webContentsEventSink(target: () => WebContents | undefined): EventSink<SignetEvents> {
  return {
    emit(name, payload) {
      const contents = target();
      if (contents && !contents.isDestroyed()) contents.send(EVENT_CHANNEL, name, payload);
    },
  };
}
