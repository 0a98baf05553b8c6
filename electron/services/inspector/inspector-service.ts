/** Bridge face of the Inspector: verify and sign in main (keys never leave it), pinned tokens in the vault. */
import type { SignetServices } from '../../../shared/contract';
import type { CertificateStore } from '../certificates/certificate-store';
import type { PinnedTokens } from './pins';
import { DEFAULT_FETCH_OPTIONS, type FetchOptions } from './remote-keys';
import { signToken } from './sign';
import { verifyToken } from './verify';

export interface InspectorDeps {
  certificates: CertificateStore;
  pins: PinnedTokens;
  fetch?: Partial<FetchOptions>;
}

export function createInspectorService(deps: InspectorDeps): SignetServices['inspector'] {
  const fetch = { ...DEFAULT_FETCH_OPTIONS, ...deps.fetch };
  return {
    verify: (input) => verifyToken(input, { certificates: deps.certificates, fetch }),
    sign: (input) => signToken(input, { certificates: deps.certificates }),
    pins: () => deps.pins.list(),
    pin: (input) => deps.pins.pin(input),
    unpin: (id) => deps.pins.unpin(id),
    openPin: (id) => deps.pins.open(id),
  };
}
