// Export "as sent": the first hop of the last send, not a redirect's, and only while the draft is the one sent.
import { describe, expect, it } from 'vitest';
import { exportCurl } from '../../../shared/request/curl-export';
import { emptyDraft, sentForExport, specJson, toSpec } from '../../../renderer/src/features/request/model';
import { startServer } from '../../harness/servers';
import { backend, sendOk, stubResolver } from '../callout/helpers';

describe('cURL export of what was sent', () => {
  it('after a 303 to another origin: the first hop (POST, body, the credential’s token) with -L; after an edit: the draft', async () => {
    const other = await startServer((_req, res) => res.end('landed'));
    const otherUrl = other.url.replace('127.0.0.1', 'localhost');
    const server = await startServer((_req, res) => res.writeHead(303, { location: `${otherUrl}/landing` }).end());
    const signet = backend();
    signet.graph.internal.setCredentialResolver(stubResolver({ Orders_API: { url: server.url, token: () => 'orders-token' } }).resolver);
    const draft = emptyDraft({ method: 'POST', url: 'callout:Orders_API/v1/orders', body: { type: 'json', text: '{"a":1}' } });
    const response = await sendOk(signet, toSpec(draft));
    // The last hop is the redirect's GET without Authorization; export must not reproduce that.
    expect(response.sent).toMatchObject({ method: 'GET', url: `${otherUrl}/landing` });
    expect(response.sent.headers.some(([name]) => name === 'Authorization')).toBe(false);

    const open = { draft, response, sentJson: specJson(draft) };
    const sent = sentForExport(open);
    const lines = (token: string) =>
      [
        `curl -X POST ${server.url}/v1/orders`,
        `  -H 'Authorization: Bearer ${token}'`,
        "  -H 'Content-Type: application/json'",
        "  -H 'User-Agent: Signet/0.0.0-test'",
        "  -H 'Accept: */*'",
        '  --compressed',
        `  --data-raw '{"a":1}'`,
        '  -L',
      ].join(' \\\n');
    expect(exportCurl(toSpec(draft), { sent, includeToken: true })).toBe(lines('orders-token'));
    expect(exportCurl(toSpec(draft), { sent })).toBe(lines('$TOKEN'));

    // Edited after the send: the response no longer describes this request, so export the draft.
    const edited = { ...draft, body: { type: 'json' as const, text: '{"a":2}' } };
    expect(sentForExport({ ...open, draft: edited })).toBeUndefined();
    expect(exportCurl(toSpec(edited), { sent: sentForExport({ ...open, draft: edited }), includeToken: true })).toBe(
      ['curl -X POST callout:Orders_API/v1/orders', `  --data-raw '{"a":2}'`, '  -L'].join(' \\\n'),
    );
    expect(sentForExport({ draft, response: null, sentJson: null })).toBeUndefined();
  });
});
