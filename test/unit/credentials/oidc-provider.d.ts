// The small part of oidc-provider (no bundled types) the credential tests use.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface ProviderContext {
    path: string;
    headers: Record<string, string | undefined>;
    body?: unknown;
    oidc?: {
      params?: Record<string, unknown>;
      client?: { clientId: string; scope?: string };
      entity(name: string, value: unknown): void;
    };
  }

  export interface ClientCredentialsToken {
    clientId: string;
    scope?: string;
    expiration: number;
    tokenType: string;
    save(): Promise<string>;
  }

  export const errors: { InvalidGrant: new (detail?: string) => Error };

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    use(middleware: (ctx: ProviderContext, next: () => Promise<void>) => Promise<void>): void;
    callback(): (request: IncomingMessage, response: ServerResponse) => void;
    registerGrantType(
      name: string,
      handler: (ctx: ProviderContext & { oidc: NonNullable<ProviderContext['oidc']> }, next: () => Promise<void>) => Promise<void>,
      params?: string[],
    ): void;
    ClientCredentials: {
      new (fields: { client: unknown; scope?: string }): ClientCredentialsToken;
      find(value: string): Promise<ClientCredentialsToken | undefined>;
    };
  }
}
