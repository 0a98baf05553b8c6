// A test token endpoint on 127.0.0.1:0 that verifies jwt-bearer assertions with fast-jwt and can be told to misbehave.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerOptions } from 'node:https';
import { createVerifier } from 'fast-jwt';
import { startServer, type TestServer } from '../../harness/servers';

export interface TokenServer extends TestServer {
  tokenUrl: string;
  /** Parsed form bodies of the token requests, in order. */
  forms: URLSearchParams[];
  /** Claims of each verified assertion. */
  assertions: Record<string, unknown>[];
  /** Replace the answer for the next requests. */
  respond: (answer: (form: URLSearchParams, request: IncomingMessage) => { status: number; body: unknown; type?: string } | 'hang') => void;
}

export async function startTokenServer(
  options: { publicKeyPem?: string; expiresIn?: number; tls?: ServerOptions } = {},
): Promise<TokenServer> {
  const forms: URLSearchParams[] = [];
  const assertions: Record<string, unknown>[] = [];
  let issued = 0;
  const verify = options.publicKeyPem ? createVerifier({ key: options.publicKeyPem }) : null;
  let answer: Parameters<TokenServer['respond']>[0] = (form) => {
    const assertion = form.get('assertion') ?? form.get('client_assertion');
    if (assertion && verify) {
      try {
        assertions.push(verify(assertion) as Record<string, unknown>);
      } catch (error) {
        return { status: 400, body: { error: 'invalid_grant', error_description: `Invalid JWT Signature (${(error as Error).message})` } };
      }
    }
    issued++;
    return {
      status: 200,
      body: { access_token: `access-token-${issued}-${'x'.repeat(24)}`, token_type: 'Bearer', expires_in: options.expiresIn ?? 3600 },
    };
  };
  const handler = (request: IncomingMessage, response: ServerResponse) => {
    const seen = server.requests.at(-1)!;
    const form = new URLSearchParams(seen.body);
    forms.push(form);
    const result = answer(form, request);
    if (result === 'hang') return new Promise(() => {});
    response.writeHead(result.status, { 'content-type': result.type ?? 'application/json' });
    response.end(typeof result.body === 'string' ? result.body : JSON.stringify(result.body));
  };
  const server: TestServer = await startServer(handler, options.tls ? { tls: options.tls } : {});
  return Object.assign(server, {
    tokenUrl: `${server.url}/oauth2/token`,
    forms,
    assertions,
    respond: (next: Parameters<TokenServer['respond']>[0]) => {
      answer = next;
    },
  });
}
