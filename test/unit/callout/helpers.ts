// Shared setup for callout tests: a real backend per test, sends through the dispatcher, a stand-in resolver.
import { afterEach } from 'vitest';
import type { AuthTrace } from '../../../shared/contract/auth-trace';
import type { CalloutResponse, RequestSpecInput } from '../../../shared/contract/http';
import { fromWireError, type AppError } from '../../../shared/errors';
import type { CredentialResolver, ResolvedCredential } from '../../../electron/services/credentials/resolver';
import { createTestBackend, type TestBackend } from '../../harness/services';

const backends: TestBackend[] = [];
afterEach(async () => {
  await Promise.all(backends.splice(0).map((backend) => backend.close()));
});

export function backend(): TestBackend {
  const created = createTestBackend();
  backends.push(created);
  return created;
}

let counter = 0;

/** Sends through the real dispatcher (zod validation included); resolves the response or the coded error. */
export async function send(
  target: TestBackend,
  request: RequestSpecInput,
  options: { requestId?: string; environmentId?: string } = {},
): Promise<{ ok: true; response: CalloutResponse } | { ok: false; error: AppError }> {
  const result = await target.dispatch('http.send', [
    { requestId: options.requestId ?? `r${++counter}`, request, environmentId: options.environmentId },
  ]);
  return result.ok ? { ok: true, response: result.value as CalloutResponse } : { ok: false, error: fromWireError(result.error) };
}

export async function sendOk(target: TestBackend, request: RequestSpecInput, options?: { requestId?: string; environmentId?: string }) {
  const result = await send(target, request, options);
  if (!result.ok) throw new Error(`expected a response, got ${result.error.code}: ${result.error.message}`);
  return result.response;
}

export async function sendFail(target: TestBackend, request: RequestSpecInput, options?: { requestId?: string; environmentId?: string }) {
  const result = await send(target, request, options);
  if (result.ok) throw new Error(`expected an error, got HTTP ${result.response.status}`);
  return result.error;
}

/** A resolver standing in for the credential service: fixed profiles, counts resolves and invalidations. */
export function stubResolver(profiles: Record<string, Partial<ResolvedCredential> & { url: string; token?: () => string }>) {
  const calls = { resolve: [] as { name: string; forceRefresh?: boolean }[], invalidate: [] as string[] };
  const resolver: CredentialResolver = {
    async resolveAuth(name, context) {
      calls.resolve.push({ name, forceRefresh: context.forceRefresh });
      const profile = profiles[name];
      if (!profile) {
        const { AppError } = await import('../../../shared/errors');
        throw new AppError('NOT_FOUND', `No named credential ${name}`);
      }
      const token = profile.token?.() ?? 'static-token';
      const trace: AuthTrace = {
        credential: { id: `id-${name}`, name, label: name, protocol: 'bearer' },
        steps: [{ kind: 'static', scheme: 'Bearer', description: 'test token' }],
      };
      return {
        id: `id-${name}`,
        name,
        label: name,
        protocol: 'bearer',
        headers: [{ name: 'Authorization', value: `Bearer ${token}` }],
        mergeFields: { inHeaders: false, inBody: false, apply: (text) => text },
        refreshOn: [],
        trace,
        ...profile,
      };
    },
    invalidate: (name) => void calls.invalidate.push(name),
  };
  return { resolver, calls };
}
