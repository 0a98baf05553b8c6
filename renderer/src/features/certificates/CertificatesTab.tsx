/** The Certificates tab. */
import { EmptyState } from '../../app/EmptyState';

export function CertificatesTab() {
  return (
    <EmptyState title="Certificates">
      Certificates and keys will live here: create self-signed and CA-signed certificates, import PEM, DER, PKCS#12, Java keystores and
      JWKs, and export them for Salesforce — the private keys stay in Signet's main process.
    </EmptyState>
  );
}
