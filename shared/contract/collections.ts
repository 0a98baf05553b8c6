/** Contract: collections — saved requests in folders, opened from the Request tab's sidebar. */
import { z } from 'zod';
import { method } from '../rpc';
import { RequestSpec } from './http';

export interface CollectionFolder {
  id: string;
  name: string;
  parentId: string | null;
}

export interface SavedRequest {
  id: string;
  name: string;
  folderId: string | null;
  request: RequestSpec;
  updatedAt: string;
}

export interface Collections {
  folders: CollectionFolder[];
  requests: SavedRequest[];
}

const Id = z.string().min(1).max(64);
const Name = z.string().trim().min(1, 'Enter a name.').max(200);

export const collectionsContract = {
  list: method(z.tuple([])).returns<Collections>(),
  /** Creates (no id) or replaces a saved request. */
  saveRequest: method(
    z.tuple([z.object({ id: Id.optional(), name: Name, folderId: Id.nullable().default(null), request: RequestSpec })]),
  ).returns<SavedRequest>(),
  createFolder: method(z.tuple([z.object({ name: Name, parentId: Id.nullable().default(null) })])).returns<CollectionFolder>(),
  rename: method(z.tuple([z.object({ kind: z.enum(['folder', 'request']), id: Id, name: Name })])).returns<Collections>(),
  move: method(z.tuple([z.object({ kind: z.enum(['folder', 'request']), id: Id, folderId: Id.nullable() })])).returns<Collections>(),
  /** Deleting a folder deletes what it holds. */
  remove: method(z.tuple([z.object({ kind: z.enum(['folder', 'request']), id: Id })])).returns<Collections>(),
};
