// Pinned tokens: listed with a public summary, the token itself sealed in the vault, gone when unpinned.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestBackend } from '../../harness/services';
import { unwrapResult } from '../../harness/rpc';
import { RFC7515_A1 } from './vectors';

describe('pinned tokens', () => {
  it('pins into the vault (not in plain text), lists, opens and unpins', async () => {
    const backend = createTestBackend();
    unwrapResult(await backend.dispatch('vault.setUp', [{ passphrase: 'a good passphrase' }]));
    const pin = unwrapResult(await backend.dispatch('inspector.pin', [{ token: `Bearer ${RFC7515_A1.token}` }]));
    expect(pin).toMatchObject({ label: 'joe', alg: 'HS256', iss: 'joe', exp: 1300819380 });
    expect(unwrapResult(await backend.dispatch('inspector.pins', []))).toEqual([pin]);
    expect(unwrapResult(await backend.dispatch('inspector.openPin', [pin.id]))).toEqual({ token: RFC7515_A1.token });

    const signature = RFC7515_A1.token.split('.')[2]!;
    for (const file of ['inspector-pins.json', 'vault-items.json']) {
      expect(readFileSync(join(backend.dataFolder, file), 'utf8')).not.toContain(signature);
    }
    unwrapResult(await backend.dispatch('inspector.unpin', [pin.id]));
    expect(unwrapResult(await backend.dispatch('inspector.pins', []))).toEqual([]);
    expect(await backend.dispatch('inspector.openPin', [pin.id])).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('refuses to pin while the vault is locked, and refuses text that is not a token', async () => {
    const backend = createTestBackend();
    expect(await backend.dispatch('inspector.pin', [{ token: RFC7515_A1.token, label: 'x' }])).toMatchObject({
      ok: false,
      error: { code: 'VAULT_LOCKED' },
    });
    unwrapResult(await backend.dispatch('vault.setUp', [{ passphrase: 'a good passphrase' }]));
    expect(await backend.dispatch('inspector.pin', [{ token: 'a.b' }])).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    expect(unwrapResult(await backend.dispatch('inspector.pins', []))).toEqual([]);
  });
});
