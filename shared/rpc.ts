/**
 * Typed RPC over one generic bridge (DESIGN §1): the contract table is the interface, a Proxy is the
 * client, and one dispatcher built from the service objects serves it. Transport-neutral: the
 * Electron preload and the Chromium host both implement {@link Bridge}.
 */
import type { z } from 'zod';
import { AppError, fromWireError, isAppError, toWireError, type WireError } from './errors';

/** What the renderer sees as `window.signet`. Nothing else crosses. */
export interface Bridge {
  invoke(path: string, args: unknown[]): Promise<RpcResult>;
  onEvent(listener: (name: string, payload: unknown) => void): () => void;
}

export type RpcResult<T = unknown> = { ok: true; value: T } | { ok: false; error: WireError };

/** One method of the contract: a zod schema for its argument tuple and a phantom result type. */
export interface MethodSpec<In extends readonly unknown[], Out extends readonly unknown[], Result> {
  readonly args: z.ZodType<Out, In>;
  /** Type-level only: carries the result type. */
  readonly result?: Result;
}

/**
 * Declares a method: `method(z.tuple([Input])).returns<Output>()`.
 * The schema is applied to every call before the service sees it.
 */
export function method<S extends z.ZodType<readonly unknown[], readonly unknown[]>>(args: S) {
  return {
    returns<Result>(): MethodSpec<z.input<S>, z.output<S>, Result> {
      return { args: args as unknown as z.ZodType<z.output<S>, z.input<S>> };
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySpec = MethodSpec<any, any, any>;
export type Contract = Record<string, Record<string, AnySpec>>;

/** The client's view: every method async, taking the schema's input type. */
export type RemoteApi<C extends Contract> = {
  readonly [NS in keyof C]: {
    readonly [M in keyof C[NS]]: C[NS][M] extends MethodSpec<infer In, infer _Out, infer R> ? (...args: In) => Promise<R> : never;
  };
};

/** What a service must implement: the schema's parsed output in, the result (or a promise of it) out. */
export type ServiceOf<N extends Record<string, AnySpec>> = {
  [M in keyof N]: N[M] extends MethodSpec<infer _In, infer Out, infer R> ? (...args: Out) => R | Promise<R> : never;
};
export type ServicesOf<C extends Contract> = { [NS in keyof C]: ServiceOf<C[NS]> };

/** Builds the typed client. `await api.x` is not thenable, so the proxy can be awaited safely. */
export function createClient<C extends Contract>(bridge: Bridge): RemoteApi<C> {
  const namespaces = new Map<string, unknown>();
  const namespaceProxy = (ns: string) =>
    new Proxy(
      {},
      {
        get(_target, name) {
          if (typeof name !== 'string' || name === 'then') return undefined;
          return async (...args: unknown[]) => unwrap(await bridge.invoke(`${ns}.${name}`, args));
        },
      },
    );
  return new Proxy({} as RemoteApi<C>, {
    get(_target, ns) {
      if (typeof ns !== 'string' || ns === 'then') return undefined;
      let proxy = namespaces.get(ns);
      if (!proxy) namespaces.set(ns, (proxy = namespaceProxy(ns)));
      return proxy;
    },
  });
}

/** Returns the value of a result or throws its error as an {@link AppError}. */
export function unwrap<T>(result: RpcResult<T>): T {
  if (result.ok) return result.value;
  throw fromWireError(result.error);
}

export interface DispatcherOptions {
  /** Called with every unexpected (non-AppError) error; the client only sees the ref. */
  onUnexpectedError(error: unknown, ref: string, path: string): void;
  /** Makes the short reference shown to the user for an INTERNAL error. */
  newRef(): string;
}

export interface Dispatcher {
  (path: unknown, args: unknown): Promise<RpcResult>;
  /** Every servable `namespace.method`, sorted. Snapshot-tested. */
  readonly methods: readonly string[];
}

/**
 * Builds the dispatcher once from the contract and the services. Only methods declared in the
 * contract are servable (so every servable method has a schema); a declared method without an
 * implementation is a start-up error, not a runtime surprise. The dispatcher never rejects.
 */
export function createDispatcher<C extends Contract>(contract: C, services: ServicesOf<C>, options: DispatcherOptions): Dispatcher {
  const table = new Map<string, { spec: AnySpec; call: (args: readonly unknown[]) => unknown }>();
  for (const [ns, methods] of Object.entries(contract)) {
    const service = (services as Record<string, Record<string, unknown>>)[ns];
    for (const [name, spec] of Object.entries(methods)) {
      const fn = service?.[name];
      if (typeof fn !== 'function') throw new Error(`The contract declares ${ns}.${name} but no service implements it`);
      table.set(`${ns}.${name}`, { spec, call: (args) => (fn as (...a: unknown[]) => unknown).apply(service, [...args]) });
    }
  }

  const dispatch = async (path: unknown, args: unknown): Promise<RpcResult> => {
    const entry = typeof path === 'string' ? table.get(path) : undefined;
    if (!entry) {
      return failure(new AppError('NOT_FOUND', `There is no method ${JSON.stringify(String(path)).slice(0, 80)}.`));
    }
    if (!Array.isArray(args)) return failure(new AppError('BAD_INPUT', 'Arguments must be a list.'));
    const parsed = entry.spec.args.safeParse(args);
    if (!parsed.success) {
      return failure(
        new AppError('BAD_INPUT', describeIssues(parsed.error.issues), {
          // Paths and messages only: zod messages name expectations, not the rejected values.
          issues: parsed.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })),
        }),
      );
    }
    try {
      return { ok: true, value: await entry.call(parsed.data) };
    } catch (error) {
      if (isAppError(error)) return failure(error);
      const ref = options.newRef();
      options.onUnexpectedError(error, ref, path as string);
      return failure(
        new AppError('INTERNAL', `Something went wrong inside Signet (reference ${ref}). The details are in the app log.`, undefined, {
          ref,
        }),
      );
    }
  };
  return Object.assign(dispatch, { methods: [...table.keys()].sort() });
}

function failure(error: AppError): RpcResult {
  return { ok: false, error: toWireError(error) };
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  const first = issues[0];
  if (!first) return 'The request was not valid.';
  // Drop the leading argument index: users think in fields, not positional arguments.
  const field = first.path.slice(1).map(String).join('.');
  return field ? `${field}: ${first.message}` : first.message;
}

/** Typed subscription over the bridge's single event channel. */
export function createEvents<Events extends object>(bridge: Bridge) {
  return {
    on<K extends keyof Events & string>(name: K, handler: (payload: Events[K]) => void): () => void {
      return bridge.onEvent((eventName, payload) => {
        if (eventName === name) handler(payload as Events[K]);
      });
    },
  };
}

/** Where services publish events; each host delivers them to its renderer. */
export interface EventSink<Events extends object> {
  emit<K extends keyof Events & string>(name: K, payload: Events[K]): void;
}
