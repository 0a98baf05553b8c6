/** A rough passphrase strength estimate for the set-up form's hint. Pure: no DOM, no Node. */
import { MIN_PASSPHRASE_LENGTH } from './contract/vault';

export interface PassphraseStrength {
  /** 0 = too short … 4 = strong. */
  score: 0 | 1 | 2 | 3 | 4;
  label: 'Too short' | 'Weak' | 'Fair' | 'Good' | 'Strong';
  /** Estimated bits of entropy after penalties. */
  bits: number;
  hint: string;
}

const COMMON = ['password', 'passwort', 'qwerty', 'letmein', 'welcome', 'admin', 'signet', 'salesforce', '123456', 'abc123', 'iloveyou'];

export function passphraseStrength(passphrase: string): PassphraseStrength {
  const chars = [...passphrase];
  if (chars.length < MIN_PASSPHRASE_LENGTH) {
    return {
      score: 0,
      label: 'Too short',
      bits: 0,
      hint: `Use at least ${MIN_PASSPHRASE_LENGTH} characters; a few random words work well.`,
    };
  }
  let pool = 0;
  if (/[a-z]/.test(passphrase)) pool += 26;
  if (/[A-Z]/.test(passphrase)) pool += 26;
  if (/[0-9]/.test(passphrase)) pool += 10;
  if (/[^a-zA-Z0-9]/.test(passphrase)) pool += 33;
  // Each distinct character adds information; repeats and runs add little.
  const distinct = new Set(chars).size;
  const effectiveLength = Math.min(chars.length, distinct * 2) - countSequences(passphrase) * 0.5;
  let bits = Math.max(0, effectiveLength) * Math.log2(Math.max(pool, 2));
  const lower = passphrase.toLowerCase();
  if (COMMON.some((word) => lower.includes(word))) bits = Math.min(bits, 28);
  bits = Math.round(bits);

  if (bits < 40) return { score: 1, label: 'Weak', bits, hint: 'Easy to guess. Add more words or characters that are not in a pattern.' };
  if (bits < 60) return { score: 2, label: 'Fair', bits, hint: 'Could be stronger: add another word or two.' };
  if (bits < 80) return { score: 3, label: 'Good', bits, hint: 'A good passphrase. Longer is still better.' };
  return { score: 4, label: 'Strong', bits, hint: 'A strong passphrase.' };
}

/** Counts steps in ascending/descending runs like "abcd" or "4321". */
function countSequences(text: string): number {
  let count = 0;
  for (let i = 2; i < text.length; i++) {
    const a = text.charCodeAt(i - 2);
    const b = text.charCodeAt(i - 1);
    const c = text.charCodeAt(i);
    if ((b - a === 1 && c - b === 1) || (a - b === 1 && b - c === 1) || (a === b && b === c)) count++;
  }
  return count;
}
