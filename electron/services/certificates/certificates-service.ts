/** Bridge face of the certificate store: list, details, create. Returns public data only. */
import { CreateCertificateInput } from '../../../shared/contract/certificates';
import type { SignetServices } from '../../../shared/contract';
import type { CertificateStore } from './certificate-store';
import { generateKeys } from './key-generation';
import { createSelfSignedCertificate } from './x509';

/** Salesforce's defaults: one year, two for RSA-4096 keys. */
export function defaultValidityDays(keyAlgorithm: string): number {
  return keyAlgorithm === 'RSA-4096' ? 730 : 365;
}

export function createCertificatesService(store: CertificateStore): SignetServices['certificates'] {
  return {
    list: () => store.list(),
    get: (id) => store.get(id),
    async createSelfSigned(raw) {
      const input = CreateCertificateInput.parse(raw);
      store.assertNameFree(input.name);
      const keys = await generateKeys(input.keyAlgorithm);
      const certificate = await createSelfSignedCertificate({
        algorithm: input.keyAlgorithm,
        keys,
        subject: input.subject,
        fallbackCommonName: input.name,
        validityDays: input.validityDays ?? defaultValidityDays(input.keyAlgorithm),
        subjectAltNames: input.subjectAltNames,
      });
      return store.add({
        name: input.name,
        label: input.label,
        kind: 'self-signed',
        exportable: input.exportable,
        publicKey: keys.publicKey,
        privateKey: keys.privateKey,
        chain: [new Uint8Array(certificate.rawData)],
      });
    },
  };
}
