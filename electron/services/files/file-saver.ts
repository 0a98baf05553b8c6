/** Writes a file the user asked for, to a path from the native save dialog or from Signet's own. */
import { randomBytes } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { SaveDestination, SavedFile } from '../../../shared/contract/files';
import { AppError } from '../../../shared/errors';

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** The native save dialog (Electron). Resolves `null` when the user cancels. */
export interface SaveDialog {
  chooseSavePath(suggestedName: string, filters: FileFilter[]): Promise<string | null>;
}

export interface SaveRequest {
  suggestedName: string;
  filters?: FileFilter[];
  contents: string | Uint8Array;
  destination?: SaveDestination;
  /** Private material: written with owner-only permissions. */
  sensitive?: boolean;
}

export interface FileSaver {
  save(request: SaveRequest): Promise<SavedFile>;
}

export function createFileSaver(dialog?: SaveDialog): FileSaver {
  return {
    async save({ suggestedName, filters = [], contents, destination = {}, sensitive = false }) {
      let path: string | null;
      let overwrite = destination.overwrite ?? false;
      if (dialog) {
        if (destination.path) throw new AppError('BAD_INPUT', 'Choose where to save in the save dialog.');
        path = await dialog.chooseSavePath(suggestedName, filters);
        if (path === null) return { saved: false };
        overwrite = true; // the native dialog already asked about replacing
      } else {
        path = destination.path ?? null;
        if (!path) throw new AppError('BAD_INPUT', 'Enter the path of the file to save to.', { field: 'path' });
      }
      if (!isAbsolute(path))
        throw new AppError('BAD_INPUT', 'Enter a full path, starting at the root of the file system (e.g. /home/me/cert.pem).', {
          field: 'path',
        });
      const folder = dirname(path);
      if (!existsSync(folder) || !statSync(folder).isDirectory()) {
        throw new AppError('BAD_INPUT', `The folder ${folder} does not exist. Create it or choose another.`, { field: 'path' });
      }
      if (existsSync(path)) {
        if (statSync(path).isDirectory()) throw new AppError('BAD_INPUT', `${path} is a folder. Add a file name.`, { field: 'path' });
        if (!overwrite)
          throw new AppError('CONFLICT', `${path} already exists. Choose another name, or confirm to replace it.`, {
            field: 'path',
            exists: true,
          });
      }
      const data = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents;
      try {
        if (sensitive) await writeOwnerOnly(path, data);
        else await writeFile(path, data, { mode: 0o644 });
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        throw new AppError(
          'BAD_INPUT',
          `Signet could not write ${path} (${code ?? 'error'}). Check the folder's permissions or choose another.`,
          { field: 'path' },
        );
      }
      return { saved: true, path, bytes: data.length };
    },
  };
}

/**
 * Node applies `mode` only when it creates a file, so writing over an existing 0644 file would keep
 * it world-readable. A fresh owner-only file in the same folder, renamed over the target, replaces it
 * atomically with the new contents and permissions (and never follows a symlink at the target).
 */
async function writeOwnerOnly(path: string, data: Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temp, data, { mode: 0o600, flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
