// The typed bridge: dispatcher table, validation, error crossing and redaction, Proxy client.
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { AppError, isAppError } from '../../../shared/errors';
import { createClient, createDispatcher, method, type Bridge } from '../../../shared/rpc';
import { createTestBackend } from '../../harness/services';

const SECRET = 'sk_live_TOP-SECRET-VALUE';

const contract = {
  demo: {
    echo: method(z.tuple([z.object({ text: z.string().max(10) })])).returns<string>(),
    fail: method(z.tuple([])).returns<never>(),
    crash: method(z.tuple([])).returns<never>(),
  },
};

function demoDispatcher() {
  const unexpected: { error: unknown; ref: string }[] = [];
  const dispatch = createDispatcher(
    contract,
    {
      demo: {
        echo: ({ text }: { text: string }) => text.toUpperCase(),
        fail: () => {
          throw new AppError('CONFLICT', 'Already exists.', { name: 'x' });
        },
        crash: () => {
          throw new TypeError(`cannot read ${SECRET} of undefined at /home/user/secret/path.ts`);
        },
        // Not in the contract: must not be servable even though it is a method.
        hidden: () => 'should never be reachable',
      } as never,
    },
    { newRef: () => 'ref-1234', onUnexpectedError: (error, ref) => unexpected.push({ error, ref }) },
  );
  return { dispatch, unexpected };
}

describe('dispatcher', () => {
  it('serves exactly the methods of the real contract (snapshot of the method table)', () => {
    expect(createTestBackend().dispatch.methods).toEqual([
      'app.info',
      'app.openExternal',
      'app.storeReports',
      'certificates.analyzeImport',
      'certificates.cancelCreate',
      'certificates.createCaSigned',
      'certificates.createSelfSigned',
      'certificates.delete',
      'certificates.details',
      'certificates.export',
      'certificates.get',
      'certificates.importEntries',
      'certificates.list',
      'certificates.rename',
      'certificates.uploadSigned',
      'collections.createFolder',
      'collections.list',
      'collections.move',
      'collections.remove',
      'collections.rename',
      'collections.saveRequest',
      'credentials.clearTokenCache',
      'credentials.create',
      'credentials.duplicate',
      'credentials.exportProfiles',
      'credentials.exportSalesforce',
      'credentials.get',
      'credentials.importProfiles',
      'credentials.importSalesforce',
      'credentials.list',
      'credentials.previewToken',
      'credentials.remove',
      'credentials.tokenCache',
      'credentials.update',
      'environments.list',
      'environments.remove',
      'environments.save',
      'environments.setActive',
      'history.clear',
      'history.list',
      'history.remove',
      'http.cancel',
      'http.formatBody',
      'http.readBody',
      'http.saveBody',
      'http.send',
      'inspector.openPin',
      'inspector.pin',
      'inspector.pins',
      'inspector.sign',
      'inspector.unpin',
      'inspector.verify',
      'receiver.clearLog',
      'receiver.clientSecretsSet',
      'receiver.configure',
      'receiver.getConfig',
      'receiver.log',
      'receiver.setClientSecret',
      'receiver.setFaults',
      'receiver.start',
      'receiver.status',
      'receiver.stop',
      'settings.get',
      'settings.update',
      'vault.changePassphrase',
      'vault.lock',
      'vault.setUp',
      'vault.status',
      'vault.unlock',
    ]);
  });

  it('refuses to start when the contract declares a method no service implements', () => {
    expect(() => createDispatcher(contract, { demo: { echo: () => '' } } as never, { newRef: () => 'r', onUnexpectedError() {} })).toThrow(
      /declares demo.fail but no service implements it/,
    );
  });

  it('answers an unknown method, an inherited member or a method outside the contract with NOT_FOUND', async () => {
    const { dispatch } = demoDispatcher();
    for (const path of ['demo.nope', 'demo.hidden', 'demo.constructor', 'demo.__proto__', 'demo.toString', 'nothing', 42]) {
      const result = await dispatch(path, []);
      expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
  });

  it('validates arguments with the schema before the service runs', async () => {
    const { dispatch } = demoDispatcher();
    await expect(dispatch('demo.echo', [{ text: 'hi' }])).resolves.toEqual({ ok: true, value: 'HI' });
    const notList = await dispatch('demo.echo', { text: 'hi' });
    expect(notList).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', message: 'Arguments must be a list.' } });
    const wrongType = await dispatch('demo.echo', [{ text: 5 }]);
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'BAD_INPUT', details: { issues: [{ path: ['0', 'text'] }] } } });
    if (!wrongType.ok) expect(wrongType.error.message).toMatch(/^text: /);
    const tooLong = await dispatch('demo.echo', [{ text: 'x'.repeat(11) }]);
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    const extraArgs = await dispatch('demo.fail', ['unexpected']);
    expect(extraArgs).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
  });

  it('carries an AppError across with its code, message and details', async () => {
    const { dispatch } = demoDispatcher();
    expect(await dispatch('demo.fail', [])).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'Already exists.', details: { name: 'x' } },
    });
  });

  it('redacts an unexpected error to INTERNAL with a ref, and logs the full error under that ref', async () => {
    const { dispatch, unexpected } = demoDispatcher();
    const result = await dispatch('demo.crash', []);
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL', ref: 'ref-1234' } });
    expect(JSON.stringify(result)).not.toContain(SECRET);
    expect(JSON.stringify(result)).not.toContain('/home/user');
    expect(unexpected).toHaveLength(1);
    expect(unexpected[0]!.ref).toBe('ref-1234');
    expect(String(unexpected[0]!.error)).toContain(SECRET);
  });

  it('never echoes a rejected value in a validation error', async () => {
    const { dispatch } = demoDispatcher();
    const result = await dispatch('demo.echo', [{ text: SECRET }]);
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });
});

describe('client', () => {
  const bridgeFor = (dispatch: (path: unknown, args: unknown) => Promise<unknown>): Bridge => ({
    invoke: (path, args) => dispatch(path, args) as never,
    onEvent: () => () => {},
  });

  it('calls through the Proxy and unwraps values', async () => {
    const { dispatch } = demoDispatcher();
    const api = createClient<typeof contract>(bridgeFor(dispatch));
    await expect(api.demo.echo({ text: 'abc' })).resolves.toBe('ABC');
  });

  it('rethrows coded errors as AppError', async () => {
    const { dispatch } = demoDispatcher();
    const api = createClient<typeof contract>(bridgeFor(dispatch));
    const error = await api.demo.fail().catch((e: unknown) => e);
    expect(isAppError(error, 'CONFLICT')).toBe(true);
    expect((error as AppError).details).toEqual({ name: 'x' });
  });

  it('is not thenable, so awaiting the client or a namespace does not call the bridge', async () => {
    const invoke = vi.fn();
    const api = createClient<typeof contract>({ invoke, onEvent: () => () => {} });
    expect(await api).toBe(api);
    expect(await api.demo).toBe(api.demo);
    expect(invoke).not.toHaveBeenCalled();
  });
});
