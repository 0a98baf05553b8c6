/** How certificate facts read in the UI: type, key, expiry. */
import type { CertificateRecord } from '../../../../shared/contract/certificates';

export function typeLabel(record: CertificateRecord): string {
  if (!record.hasPrivateKey) return record.hasCertificate ? 'Certificate only' : 'Public key only';
  if (record.kind === 'self-signed') return 'Self-Signed';
  if (record.kind === 'ca-signed') return 'CA-Signed';
  return 'Imported';
}

/** "RSA 2048", "EC P-256", "Ed25519". */
export function keyLabel(keyAlgorithm: string): string {
  if (keyAlgorithm.startsWith('RSA-')) return `RSA ${keyAlgorithm.slice(4)}`;
  if (keyAlgorithm.startsWith('EC-P')) return `EC P-${keyAlgorithm.slice(4)}`;
  return keyAlgorithm;
}

export type ExpiryState = 'none' | 'ok' | 'soon' | 'expired';

const DAY = 86_400_000;

export function expiryState(record: CertificateRecord, now = Date.now()): ExpiryState {
  if (!record.notAfter) return 'none';
  const left = Date.parse(record.notAfter) - now;
  if (left < 0) return 'expired';
  return left < 30 * DAY ? 'soon' : 'ok';
}

export function formatDate(iso: string): string {
  return iso ? iso.slice(0, 10) : '—';
}

/** Days until `iso`, a started day counting as one: a 10-day certificate made today has "10 days left". */
export function daysLeft(iso: string, now = Date.now()): number {
  return Math.ceil((Date.parse(iso) - now) / DAY);
}

/** The expiry badge's text: "10 days left", "1 day left". */
export function daysLeftLabel(iso: string, now = Date.now()): string {
  const days = daysLeft(iso, now);
  return days === 1 ? '1 day left' : `${days} days left`;
}
