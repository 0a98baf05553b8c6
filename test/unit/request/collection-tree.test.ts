// The Collections sidebar's tree helpers: children, folder paths, what a delete takes, where a move may go.
import { describe, expect, it } from 'vitest';
import type { Collections, SavedRequest } from '../../../shared/contract/collections';
import { childrenOf, folderContents, folderOptions, folderPath } from '../../../shared/request/collection-tree';

const saved = (id: string, name: string, folderId: string | null): SavedRequest => ({
  id,
  name,
  folderId,
  updatedAt: '2026-01-01T00:00:00.000Z',
  request: {
    method: 'GET',
    url: `https://example.test/${id}`,
    headers: [],
    body: { type: 'none' },
    auth: { type: 'inherit' },
    settings: { timeoutMs: 120_000, followRedirects: true, maxRedirects: 10, verifyTls: true, proxy: { mode: 'system' } },
  },
});

// api ─┬─ v1 ── beta
//      └─ v2
// ops
const collections: Collections = {
  folders: [
    { id: 'v1', name: 'v1', parentId: 'api' },
    { id: 'api', name: 'API', parentId: null },
    { id: 'beta', name: 'beta', parentId: 'v1' },
    { id: 'v2', name: 'v2', parentId: 'api' },
    { id: 'ops', name: 'ops', parentId: null },
  ],
  requests: [saved('r1', 'list', 'v1'), saved('r2', 'create', 'beta'), saved('r3', 'health', null), saved('r4', 'Accounts', null)],
};

describe('collection tree', () => {
  it('lists the folders and requests directly inside a folder, sorted by name without regard to case', () => {
    const top = childrenOf(collections, null);
    expect(top.folders.map((folder) => folder.name)).toEqual(['API', 'ops']);
    expect(top.requests.map((request) => request.name)).toEqual(['Accounts', 'health']);
    expect(childrenOf(collections, 'api').folders.map((folder) => folder.id)).toEqual(['v1', 'v2']);
    expect(childrenOf(collections, 'beta').requests.map((request) => request.id)).toEqual(['r2']);
  });

  it('names a folder by its path, and stops on a cycle in a damaged file', () => {
    expect(folderPath(collections.folders, 'beta')).toBe('API / v1 / beta');
    const cyclic = [
      { id: 'a', name: 'A', parentId: 'b' },
      { id: 'b', name: 'B', parentId: 'a' },
    ];
    expect(folderPath(cyclic, 'a')).toBe('B / A');
  });

  it('counts what deleting a folder takes with it', () => {
    expect(folderContents(collections, 'api')).toEqual({ folders: 3, requests: 2 });
    expect(folderContents(collections, 'ops')).toEqual({ folders: 0, requests: 0 });
  });

  it('offers the top level and every folder as a move target, except a folder itself and its subfolders', () => {
    expect(folderOptions(collections).map((option) => option.label)).toEqual([
      'Top level',
      'API',
      'API / v1',
      'API / v1 / beta',
      'API / v2',
      'ops',
    ]);
    expect(folderOptions(collections, { kind: 'folder', id: 'v1' }).map((option) => option.id)).toEqual([null, 'api', 'v2', 'ops']);
    expect(folderOptions(collections, { kind: 'request', id: 'r1' })).toHaveLength(6);
  });
});
