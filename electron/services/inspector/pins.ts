/**
 * Pinned tokens: the list (public summary) in `inspector-pins.json`, the token itself sealed in the
 * vault — a token is a credential. Unpinned tokens are never written anywhere.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { PinInput, type PinnedToken } from '../../../shared/contract/inspector';
import { decodeToken } from '../../../shared/jwt/decode';
import { AppError } from '../../../shared/errors';
import type { Document } from '../store/document';
import type { Vault } from '../vault/vault';

const vaultId = (id: string) => `inspector-pin:${id}`;
const MAX_PINS = 100;

const PinnedTokenSchema = z.object({
  id: z.string(),
  label: z.string(),
  pinnedAt: z.string(),
  alg: z.string(),
  iss: z.string().optional(),
  sub: z.string().optional(),
  exp: z.number().optional(),
}) satisfies z.ZodType<PinnedToken, unknown>;

export const PinsFile = z.object({ pins: z.array(PinnedTokenSchema) });
export type PinsFile = z.infer<typeof PinsFile>;
export const PINS_DOCUMENT = { name: 'inspector-pins', schema: PinsFile, version: 1, initial: () => ({ pins: [] }) };

export class PinnedTokens {
  constructor(
    private readonly document: Document<PinsFile>,
    private readonly vault: Vault,
  ) {}

  list(): PinnedToken[] {
    return this.document.read().pins;
  }

  pin(raw: PinInput): PinnedToken {
    const input = PinInput.parse(raw);
    const decoded = decodeToken(input.token);
    if (!decoded.ok)
      throw new AppError('BAD_INPUT', `Only a token that decodes can be pinned. ${decoded.error.message}`, { field: 'token' });
    const { token } = decoded;
    if (this.list().length >= MAX_PINS) throw new AppError('CONFLICT', `You have ${MAX_PINS} pinned tokens. Unpin some first.`);
    const claims = token.kind === 'jws' ? token.payload : {};
    const text = (value: unknown) => (typeof value === 'string' ? value.slice(0, 200) : undefined);
    const record: PinnedToken = {
      id: randomUUID(),
      label:
        input.label || text(claims.sub) || text(claims.iss) || `${token.kind === 'jwe' ? 'Encrypted' : String(token.header.alg)} token`,
      pinnedAt: new Date().toISOString(),
      alg: String(token.header.alg ?? ''),
      ...(text(claims.iss) ? { iss: text(claims.iss) } : {}),
      ...(text(claims.sub) ? { sub: text(claims.sub) } : {}),
      ...(typeof claims.exp === 'number' ? { exp: claims.exp } : {}),
    };
    this.vault.seal(vaultId(record.id), token.token);
    try {
      this.document.update((file) => ({ pins: [record, ...file.pins] }));
    } catch (error) {
      this.vault.delete(vaultId(record.id));
      throw error;
    }
    return record;
  }

  unpin(id: string): void {
    this.document.update((file) => ({ pins: file.pins.filter((pin) => pin.id !== id) }));
    this.vault.delete(vaultId(id));
  }

  open(id: string): { token: string } {
    if (!this.list().some((pin) => pin.id === id)) throw new AppError('NOT_FOUND', 'That pinned token no longer exists.', { pinId: id });
    return { token: this.vault.openText(vaultId(id)) };
  }
}
