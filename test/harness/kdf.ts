// scrypt cost for tests: real scrypt, lower N so hundreds of unlocks stay fast.
import type { ScryptCost } from '../../electron/services/vault/passphrase-kdf';

export const TEST_KDF_COST: ScryptCost = { N: 2 ** 12, r: 8, p: 1 };
