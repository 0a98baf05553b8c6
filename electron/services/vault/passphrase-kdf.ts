/** Derives a key-encryption key from the master passphrase with scrypt (RFC 7914). */
import { randomBytes, scrypt } from 'node:crypto';
import { z } from 'zod';

/** scrypt cost. The default follows OWASP's recommendation (N = 2^17, r = 8, p = 1). */
export const ScryptParams = z.object({
  name: z.literal('scrypt'),
  N: z
    .number()
    .int()
    .min(2 ** 10)
    .max(2 ** 22),
  r: z.number().int().min(1).max(32),
  p: z.number().int().min(1).max(16),
  salt: z.string().min(16),
});
export type ScryptParams = z.infer<typeof ScryptParams>;

export type ScryptCost = Pick<ScryptParams, 'N' | 'r' | 'p'>;
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };

export function newScryptParams(cost: ScryptCost = DEFAULT_SCRYPT_COST): ScryptParams {
  return { name: 'scrypt', ...cost, salt: randomBytes(16).toString('base64url') };
}

export function deriveKey(passphrase: string, params: ScryptParams): Promise<Buffer> {
  const { N, r, p } = params;
  // scrypt needs 128·N·r bytes; Node's default maxmem (32 MiB) is below the recommended cost.
  const maxmem = 256 * N * r;
  return new Promise((resolve, reject) =>
    scrypt(passphrase.normalize('NFC'), Buffer.from(params.salt, 'base64url'), 32, { N, r, p, maxmem }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}
