import { describe, expect, it } from 'vitest';
import { passphraseStrength } from '../../../shared/passphrase-strength';

describe('passphrase strength hint', () => {
  it('grades from too short to strong', () => {
    expect(passphraseStrength('abc').label).toBe('Too short');
    expect(passphraseStrength('aaaaaaaaaaaa').label).toBe('Weak');
    expect(passphraseStrength('password123').label).toBe('Weak');
    expect(passphraseStrength('abcdefgh').label).toBe('Weak');
    expect(passphraseStrength('Tr0ub4dor&3').score).toBeGreaterThanOrEqual(2);
    expect(passphraseStrength('correct horse battery staple').label).toBe('Strong');
  });

  it('always gives a hint', () => {
    for (const text of ['', 'x', 'hunter22', 'correct horse battery staple'])
      expect(passphraseStrength(text).hint.length).toBeGreaterThan(10);
  });
});
