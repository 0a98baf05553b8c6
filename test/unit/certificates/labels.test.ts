// How the table names types, keys and expiry (the warning badge under 30 days, the error badge once expired).
import { describe, expect, it } from 'vitest';
import type { CertificateRecord } from '../../../shared/contract/certificates';
import { daysLeftLabel, expiryState, keyLabel, typeLabel } from '../../../renderer/src/features/certificates/labels';

const DAY = 86_400_000;
const record = (change: Partial<CertificateRecord>) =>
  ({ kind: 'self-signed', hasPrivateKey: true, hasCertificate: true, notAfter: '', ...change }) as CertificateRecord;

describe('certificate labels', () => {
  it('names types as the Salesforce page does, plus Certificate only / Public key only', () => {
    expect(typeLabel(record({}))).toBe('Self-Signed');
    expect(typeLabel(record({ kind: 'ca-signed' }))).toBe('CA-Signed');
    expect(typeLabel(record({ kind: 'imported' }))).toBe('Imported');
    expect(typeLabel(record({ kind: 'imported', hasPrivateKey: false }))).toBe('Certificate only');
    expect(typeLabel(record({ kind: 'imported', hasPrivateKey: false, hasCertificate: false }))).toBe('Public key only');
  });

  it('names keys like "RSA 2048", "EC P-256", "Ed25519"', () => {
    expect(['RSA-2048', 'EC-P256', 'EC-P521', 'Ed25519'].map(keyLabel)).toEqual(['RSA 2048', 'EC P-256', 'EC P-521', 'Ed25519']);
  });

  it('warns under 30 days and errs once expired', () => {
    const now = Date.parse('2026-06-01T00:00:00Z');
    const at = (days: number) => record({ notAfter: new Date(now + days * DAY).toISOString() });
    expect(expiryState(at(31), now)).toBe('ok');
    expect(expiryState(at(29), now)).toBe('soon');
    expect(expiryState(at(-1), now)).toBe('expired');
    expect(expiryState(record({ hasCertificate: false }), now)).toBe('none');
  });

  it('counts the days left as a person would: a 10-day certificate made a minute ago has 10 days left', () => {
    const now = Date.parse('2026-06-01T00:00:00Z');
    const iso = (ms: number) => new Date(now + ms).toISOString();
    expect(daysLeftLabel(iso(10 * DAY - 60_000), now)).toBe('10 days left');
    expect(daysLeftLabel(iso(29 * DAY + 1), now)).toBe('30 days left');
    expect(daysLeftLabel(iso(DAY), now)).toBe('1 day left');
    expect(daysLeftLabel(iso(3_600_000), now)).toBe('1 day left');
  });
});
