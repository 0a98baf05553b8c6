/** Collections: saved requests in folders (`collections.json`). */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { CollectionFolder, Collections, SavedRequest } from '../../../shared/contract/collections';
import { RequestSpec } from '../../../shared/contract/http';
import { AppError } from '../../../shared/errors';
import { folderAndDescendants } from '../../../shared/request/collection-tree';
import type { Document } from '../store/document';

const Folder = z.object({ id: z.string(), name: z.string(), parentId: z.string().nullable() });
const Saved = z.object({ id: z.string(), name: z.string(), folderId: z.string().nullable(), request: RequestSpec, updatedAt: z.string() });
export const CollectionsFile = z.object({ folders: z.array(Folder), requests: z.array(Saved) });
export type CollectionsFile = z.infer<typeof CollectionsFile>;
export const COLLECTIONS_DOCUMENT = {
  name: 'collections',
  schema: CollectionsFile,
  version: 1,
  initial: (): CollectionsFile => ({ folders: [], requests: [] }),
};

type Kind = 'folder' | 'request';

export class CollectionStore {
  readonly #document: Document<CollectionsFile>;

  constructor(document: Document<CollectionsFile>) {
    this.#document = document;
  }

  list(): Collections {
    return this.#document.read();
  }

  #assertFolder(folderId: string | null) {
    if (folderId && !this.#document.read().folders.some((folder) => folder.id === folderId)) {
      throw new AppError('NOT_FOUND', 'That folder no longer exists. Choose another.', { field: 'folderId' });
    }
  }

  saveRequest(input: { id?: string; name: string; folderId: string | null; request: RequestSpec }): SavedRequest {
    this.#assertFolder(input.folderId);
    const saved: SavedRequest = {
      id: input.id ?? randomUUID(),
      name: input.name,
      folderId: input.folderId,
      request: input.request,
      updatedAt: new Date().toISOString(),
    };
    this.#document.update((file) => {
      const exists = file.requests.some((request) => request.id === saved.id);
      return {
        ...file,
        requests: exists ? file.requests.map((request) => (request.id === saved.id ? saved : request)) : [...file.requests, saved],
      };
    });
    return saved;
  }

  createFolder(input: { name: string; parentId: string | null }): CollectionFolder {
    this.#assertFolder(input.parentId);
    const folder: CollectionFolder = { id: randomUUID(), name: input.name, parentId: input.parentId };
    this.#document.update((file) => ({ ...file, folders: [...file.folders, folder] }));
    return folder;
  }

  rename(input: { kind: Kind; id: string; name: string }): Collections {
    this.#find(input.kind, input.id);
    return this.#document.update((file) =>
      input.kind === 'folder'
        ? { ...file, folders: file.folders.map((folder) => (folder.id === input.id ? { ...folder, name: input.name } : folder)) }
        : { ...file, requests: file.requests.map((request) => (request.id === input.id ? { ...request, name: input.name } : request)) },
    );
  }

  move(input: { kind: Kind; id: string; folderId: string | null }): Collections {
    this.#find(input.kind, input.id);
    this.#assertFolder(input.folderId);
    if (input.kind === 'folder' && input.folderId && folderAndDescendants(this.#document.read().folders, input.id).has(input.folderId)) {
      throw new AppError('BAD_INPUT', 'A folder cannot move into itself or one of its subfolders.');
    }
    return this.#document.update((file) =>
      input.kind === 'folder'
        ? { ...file, folders: file.folders.map((folder) => (folder.id === input.id ? { ...folder, parentId: input.folderId } : folder)) }
        : {
            ...file,
            requests: file.requests.map((request) => (request.id === input.id ? { ...request, folderId: input.folderId } : request)),
          },
    );
  }

  remove(input: { kind: Kind; id: string }): Collections {
    this.#find(input.kind, input.id);
    if (input.kind === 'request') {
      return this.#document.update((file) => ({ ...file, requests: file.requests.filter((request) => request.id !== input.id) }));
    }
    const gone = folderAndDescendants(this.#document.read().folders, input.id);
    return this.#document.update((file) => ({
      folders: file.folders.filter((folder) => !gone.has(folder.id)),
      requests: file.requests.filter((request) => !request.folderId || !gone.has(request.folderId)),
    }));
  }

  #find(kind: Kind, id: string) {
    const file = this.#document.read();
    const found = kind === 'folder' ? file.folders.some((folder) => folder.id === id) : file.requests.some((request) => request.id === id);
    if (!found) throw new AppError('NOT_FOUND', `That ${kind} no longer exists.`);
  }
}
