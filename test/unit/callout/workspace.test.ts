// Environments (secrets in the vault), history (redacted on disk, last 500) and collections.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../harness/servers';
import { unwrapResult } from '../../harness/rpc';
import { backend, sendOk } from './helpers';

async function unlocked() {
  const signet = backend();
  unwrapResult(await signet.dispatch('vault.setUp', [{ passphrase: 'a good passphrase' }]));
  return signet;
}

describe('environments', () => {
  it('resolves {{variables}} from the active environment; secret values stay in the vault and never come back', async () => {
    const server = await startServer((_req, res) => res.end());
    const signet = await unlocked();
    const env = unwrapResult(
      await signet.dispatch('environments.save', [
        {
          name: 'Dev',
          variables: [
            { name: 'base', value: server.url },
            { name: 'apiKey', value: 'sk-very-secret', secret: true },
            { name: 'off', value: 'x', enabled: false },
          ],
        },
      ]),
    );
    expect(env.variables[1]).toEqual({ name: 'apiKey', value: '', enabled: true, secret: true, hasValue: true });
    unwrapResult(await signet.dispatch('environments.setActive', [env.id]));
    await sendOk(
      signet,
      { method: 'GET', url: '{{base}}/x', headers: [{ name: 'X-Api-Key', value: '{{apiKey}}', enabled: true }] },
      { environmentId: env.id },
    );
    expect(server.requests[0]).toMatchObject({ url: '/x', headers: { 'x-api-key': 'sk-very-secret' } });
    const file = readFileSync(join(signet.dataFolder, 'environments.json'), 'utf8');
    expect(file).not.toContain('sk-very-secret');
    expect(JSON.stringify(unwrapResult(await signet.dispatch('environments.list', [])))).not.toContain('sk-very-secret');
    // Saving without a new value keeps the secret; renaming the environment works; a duplicate name is refused.
    unwrapResult(
      await signet.dispatch('environments.save', [
        {
          id: env.id,
          name: 'Development',
          variables: [
            { name: 'base', value: server.url },
            { name: 'apiKey', secret: true },
          ],
        },
      ]),
    );
    await sendOk(
      signet,
      { method: 'GET', url: '{{base}}/y', headers: [{ name: 'X-Api-Key', value: '{{apiKey}}', enabled: true }] },
      { environmentId: env.id },
    );
    expect(server.requests[1]!.headers['x-api-key']).toBe('sk-very-secret');
    const other = await signet.dispatch('environments.save', [{ name: 'development' }]);
    expect(other).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const list = unwrapResult(await signet.dispatch('environments.remove', [env.id]));
    expect(list).toEqual({ activeId: null, environments: [] });
  });
});

describe('history', () => {
  it('records every send, searchable, and writes no token, secret or Authorization value to disk', async () => {
    const server = await startServer((_req, res) => res.writeHead(201).end());
    const signet = backend();
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtZSJ9.c2lnbmF0dXJl';
    await sendOk(signet, {
      method: 'POST',
      url: `${server.url}/token?access_token=abc123&page=2`,
      headers: [
        { name: 'Authorization', value: 'Basic dXNlcjpwYXNz', enabled: true },
        { name: 'X-Trace', value: 'keep-me', enabled: true },
      ],
      auth: { type: 'bearer', token: 'paste-secret-token' },
      body: {
        type: 'form',
        fields: [
          { name: 'client_secret', value: 's3cr3t', enabled: true },
          { name: 'assertion', value: jwt, enabled: true },
          { name: 'grant_type', value: 'jwt-bearer', enabled: true },
        ],
      },
    });
    await sendOk(signet, {
      method: 'GET',
      url: `${server.url}/other`,
      body: { type: 'json', text: `{"password":"hunter2","id":${JSON.stringify(jwt)}}` },
    });
    const entries = unwrapResult(await signet.dispatch('history.list', [{}]));
    expect(
      entries.map((entry: { request: { url: string }; status: number }) => [
        new URL(entry.request.url.replace('<redacted>', 'R')).pathname,
        entry.status,
      ]),
    ).toEqual([
      ['/other', 201],
      ['/token', 201],
    ]);
    expect(unwrapResult(await signet.dispatch('history.list', [{ query: 'token' }]))).toHaveLength(1);
    signet.graph.internal.history.flush();
    const file = readFileSync(join(signet.dataFolder, 'history.json'), 'utf8');
    for (const secret of ['dXNlcjpwYXNz', 'paste-secret-token', 's3cr3t', jwt, 'abc123', 'hunter2']) expect(file).not.toContain(secret);
    for (const kept of ['keep-me', 'page=2', 'grant_type', 'jwt-bearer']) expect(file).toContain(kept);
  });

  it('redacts token-named headers beyond Authorization (X-Access-Token, PRIVATE-TOKEN, X-Client-Secret) and a password in the URL', async () => {
    const server = await startServer((_req, res) => res.writeHead(200).end());
    const signet = backend();
    const address = new URL(server.url);
    await sendOk(signet, {
      method: 'GET',
      url: `http://integration:url-pass-9@${address.host}/orders?page=3`,
      headers: [
        { name: 'X-Access-Token', value: 'opaque-access-1', enabled: true },
        { name: 'PRIVATE-TOKEN', value: 'glpat-opaque-2', enabled: true },
        { name: 'X-Client-Secret', value: 'client-secret-3', enabled: true },
        { name: 'X-Goog-Api-Key', value: 'AIza-opaque-4', enabled: false },
        { name: 'X-Correlation-Id', value: 'corr-keep-1', enabled: true },
      ],
    });
    await sendOk(signet, { method: 'GET', url: `http://deploy:url-pass-10@${address.host}` });
    signet.graph.internal.history.flush();
    const file = readFileSync(join(signet.dataFolder, 'history.json'), 'utf8');
    for (const secret of ['opaque-access-1', 'glpat-opaque-2', 'client-secret-3', 'AIza-opaque-4', 'url-pass-9', 'url-pass-10'])
      expect(file).not.toContain(secret);
    const [second, first] = unwrapResult(await signet.dispatch('history.list', [{}])) as { request: { url: string; headers: unknown } }[];
    expect(first!.request.url).toBe(`http://integration:<redacted>@${address.host}/orders?page=3`);
    expect(second!.request.url).toBe(`http://deploy:<redacted>@${address.host}`);
    expect(first!.request.headers).toEqual([
      { name: 'X-Access-Token', value: '<redacted>', enabled: true },
      { name: 'PRIVATE-TOKEN', value: '<redacted>', enabled: true },
      { name: 'X-Client-Secret', value: '<redacted>', enabled: true },
      { name: 'X-Goog-Api-Key', value: '<redacted>', enabled: false },
      { name: 'X-Correlation-Id', value: 'corr-keep-1', enabled: true },
    ]);
  });

  it('keeps the last 500 sends', async () => {
    const signet = backend();
    const history = signet.graph.internal.history;
    const request = {
      method: 'GET',
      url: 'http://x/',
      headers: [],
      body: { type: 'none' as const },
      auth: { type: 'none' as const },
      settings: { timeoutMs: 1, followRedirects: true, maxRedirects: 1, verifyTls: true, proxy: { mode: 'none' as const } },
    };
    for (let i = 0; i < 510; i++) history.record({ request: { ...request, url: `http://x/${i}` } });
    const entries = history.list();
    expect(entries).toHaveLength(500);
    expect(entries[0]!.request.url).toBe('http://x/509');
  });
});

describe('collections', () => {
  it('saves requests into folders, renames, moves and deletes (a folder with what it holds)', async () => {
    const signet = backend();
    const call = async (path: string, arg: unknown) => unwrapResult(await signet.dispatch(path, [arg]));
    const folder = await call('collections.createFolder', { name: 'Salesforce' });
    const sub = await call('collections.createFolder', { name: 'Accounts', parentId: folder.id });
    const saved = await call('collections.saveRequest', {
      name: 'List accounts',
      folderId: sub.id,
      request: { method: 'GET', url: 'callout:SF/accounts' },
    });
    expect(saved.request).toMatchObject({
      method: 'GET',
      url: 'callout:SF/accounts',
      auth: { type: 'inherit' },
      settings: { timeoutMs: 120_000 },
    });
    await call('collections.rename', { kind: 'request', id: saved.id, name: 'Accounts list' });
    let list = await call('collections.move', { kind: 'request', id: saved.id, folderId: folder.id });
    expect(list.requests[0]).toMatchObject({ name: 'Accounts list', folderId: folder.id });
    expect(await signet.dispatch('collections.move', [{ kind: 'folder', id: folder.id, folderId: sub.id }])).toMatchObject({
      ok: false,
      error: { code: 'BAD_INPUT' },
    });
    list = await call('collections.remove', { kind: 'folder', id: folder.id });
    expect(list).toEqual({ folders: [], requests: [] });
  });
});
