// Unwraps a dispatcher result in tests, failing with the coded error when it is not ok.
import type { RpcResult } from '../../shared/rpc';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read results loosely
export function unwrapResult<T = any>(result: RpcResult): T {
  if (!result.ok) throw new Error(`Expected ok, got ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}
