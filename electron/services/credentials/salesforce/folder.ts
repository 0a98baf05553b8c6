/**
 * Writes the SFDX project as a folder (the other choice besides a zip). The folder comes from the
 * native save dialog in Electron, or from the path the renderer sends in the Chromium host; an
 * existing non-empty folder is replaced only when the user confirmed.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import type { SaveDestination, SavedFile } from '../../../../shared/contract/files';
import { AppError } from '../../../../shared/errors';
import type { SaveDialog } from '../../files/file-saver';

export async function writeProjectFolder(
  files: Record<string, Uint8Array>,
  destination: SaveDestination = {},
  suggestedName: string,
  dialog?: SaveDialog,
): Promise<SavedFile> {
  let path: string | null;
  let overwrite = destination.overwrite ?? false;
  if (dialog) {
    path = await dialog.chooseSavePath(suggestedName, []);
    if (path === null) return { saved: false };
    overwrite = true;
  } else {
    path = destination.path ?? null;
  }
  if (!path) throw new AppError('BAD_INPUT', 'Enter the folder to write the project to.', { field: 'path' });
  if (!isAbsolute(path)) throw new AppError('BAD_INPUT', 'Enter a full path, starting at the root of the file system.', { field: 'path' });
  if (!existsSync(dirname(path)))
    throw new AppError('BAD_INPUT', `The folder ${dirname(path)} does not exist. Create it or choose another.`, { field: 'path' });
  if (existsSync(path)) {
    if (!statSync(path).isDirectory()) throw new AppError('BAD_INPUT', `${path} is a file. Choose a folder name.`, { field: 'path' });
    if (readdirSync(path).length > 0 && !overwrite) {
      throw new AppError('CONFLICT', `${path} already exists and is not empty. Choose another name, or confirm to write into it.`, {
        field: 'path',
        exists: true,
      });
    }
  }
  let bytes = 0;
  for (const [relative, content] of Object.entries(files)) {
    const target = join(path, ...relative.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
    bytes += content.length;
  }
  return { saved: true, path, bytes };
}
