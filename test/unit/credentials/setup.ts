// Shared set-up for named credential tests: an unlocked backend, certificates, profile inputs.
import type { CertificateRecord, NewKeyAlgorithm } from '../../../shared/contract/certificates';
import type { NamedCredentialView } from '../../../shared/contract/credentials';
import type { NamedCredentialInput, SecretsInput } from '../../../shared/credentials/profile';
import type { RpcResult } from '../../../shared/rpc';
import { createTestBackend, type TestBackend } from '../../harness/services';
import { unwrapResult } from '../../harness/rpc';

export async function unlockedBackend(): Promise<TestBackend> {
  const backend = createTestBackend();
  unwrapResult(await backend.dispatch('vault.setUp', [{ passphrase: 'a good passphrase' }]));
  return backend;
}

let counter = 0;
export async function makeCertificate(backend: TestBackend, keyAlgorithm: NewKeyAlgorithm, name?: string): Promise<CertificateRecord> {
  const unique = name ?? `Cert_${keyAlgorithm.replace(/-/g, '_')}_${++counter}`;
  return unwrapResult<CertificateRecord>(
    await backend.dispatch('certificates.createSelfSigned', [{ label: unique, name: unique, keyAlgorithm, validityDays: 30 }]),
  );
}

export function profileInput(overrides: Partial<NamedCredentialInput> & { jwt?: Partial<NonNullable<NamedCredentialInput['jwt']>> } = {}) {
  const { jwt, ...rest } = overrides;
  return {
    label: 'Orders API',
    name: 'Orders_API',
    url: 'https://api.example.com/v1',
    ...rest,
    jwt: { issuer: 'signet-client', audiences: ['https://auth.example.com/token'], ...jwt },
  } satisfies NamedCredentialInput;
}

export async function createProfile(
  backend: TestBackend,
  profile: NamedCredentialInput,
  secrets: SecretsInput = {},
): Promise<NamedCredentialView> {
  return unwrapResult<NamedCredentialView>(await backend.dispatch('credentials.create', [{ profile, secrets }]));
}

/** The coded error of a failed call. */
export function errorOf(result: RpcResult) {
  if (result.ok) throw new Error('Expected an error, got ok');
  return result.error;
}
