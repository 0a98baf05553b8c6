/// <reference types="vite/client" />
import type { Bridge } from '../../shared/rpc';

declare global {
  interface Window {
    /** Installed by the Electron preload or the Chromium host; the renderer's only way out. */
    readonly signet: Bridge;
  }
}
