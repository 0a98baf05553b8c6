/**
 * The whole preload: a frozen `window.signet = { invoke, onEvent }`. Generic — adding a method never
 * touches this file. Bundled to one CommonJS file because sandboxed preloads cannot load modules.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const INVOKE_CHANNEL = 'signet:invoke';
const EVENT_CHANNEL = 'signet:event';

const bridge = Object.freeze({
  invoke: (path: string, args: unknown[]) => ipcRenderer.invoke(INVOKE_CHANNEL, path, args),
  onEvent(listener: (name: string, payload: unknown) => void) {
    // Strip the IpcRendererEvent: it carries `sender` (checklist #20).
    const handler = (_event: IpcRendererEvent, name: string, payload: unknown) => listener(name, payload);
    ipcRenderer.on(EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, handler);
    };
  },
});

contextBridge.exposeInMainWorld('signet', bridge);
