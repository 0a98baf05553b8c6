/** Pure helpers over the flat collections list (renderer and main): children of a folder, folder paths, descendants, valid move targets. */
import type { CollectionFolder, Collections, SavedRequest } from '../contract/collections';

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });

/** The folders and requests directly inside `folderId` (null: the top level), each sorted by name. */
export function childrenOf(collections: Collections, folderId: string | null): { folders: CollectionFolder[]; requests: SavedRequest[] } {
  return {
    folders: collections.folders.filter((folder) => folder.parentId === folderId).sort(byName),
    requests: collections.requests.filter((request) => request.folderId === folderId).sort(byName),
  };
}

/** "Parent / Child" for a folder; guards against a cycle in a damaged file. */
export function folderPath(folders: CollectionFolder[], id: string): string {
  const names: string[] = [];
  const seen = new Set<string>();
  for (let current = folders.find((folder) => folder.id === id); current && !seen.has(current.id);) {
    seen.add(current.id);
    names.unshift(current.name);
    current = current.parentId ? folders.find((folder) => folder.id === current!.parentId) : undefined;
  }
  return names.join(' / ');
}

/** The folder and every folder under it. */
export function folderAndDescendants(folders: CollectionFolder[], id: string): Set<string> {
  const found = new Set([id]);
  for (let grew = true; grew;) {
    grew = false;
    for (const folder of folders) {
      if (folder.parentId && found.has(folder.parentId) && !found.has(folder.id)) {
        found.add(folder.id);
        grew = true;
      }
    }
  }
  return found;
}

/** What deleting a folder takes with it. */
export function folderContents(collections: Collections, id: string): { folders: number; requests: number } {
  const gone = folderAndDescendants(collections.folders, id);
  return {
    folders: gone.size - 1,
    requests: collections.requests.filter((request) => request.folderId !== null && gone.has(request.folderId)).length,
  };
}

export interface FolderOption {
  /** A folder id, or null for the top level. */
  id: string | null;
  label: string;
}

/**
 * Where an item can go, top level first, then folders by path. A folder cannot go into itself or
 * one of its subfolders.
 */
export function folderOptions(collections: Collections, moving?: { kind: 'folder' | 'request'; id: string }): FolderOption[] {
  const excluded = moving?.kind === 'folder' ? folderAndDescendants(collections.folders, moving.id) : new Set<string>();
  const folders = collections.folders
    .filter((folder) => !excluded.has(folder.id))
    .map((folder) => ({ id: folder.id, label: folderPath(collections.folders, folder.id) }))
    .sort((a, b) => a.label.localeCompare(b.label, undefined, { sensitivity: 'base' }));
  return [{ id: null, label: 'Top level' }, ...folders];
}
