/**
 * Saving files the user asked for (exports, CSRs, bodies). In Electron main shows the save dialog
 * and the renderer sends no path; in the Chromium host the renderer asks for a path in a Signet
 * dialog and sends it. Either way main writes the file — private material never crosses the bridge.
 */
import { z } from 'zod';

export const SaveDestination = z
  .object({
    /** Absolute path chosen in Signet's own save dialog (Chromium host only). */
    path: z.string().trim().min(1).max(4096).optional(),
    /** Replace an existing file at `path`. */
    overwrite: z.boolean().optional(),
  })
  .default({});
export type SaveDestination = z.input<typeof SaveDestination>;

export type SavedFile = { saved: true; path: string; bytes: number } | { saved: false };
