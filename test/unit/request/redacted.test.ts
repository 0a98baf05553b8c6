// A request reopened from history names each place that history redacted, so the user knows what to
// enter again; a request with no secret names none.
import { describe, expect, it } from 'vitest';
import { RequestSpec } from '../../../shared/contract/http';
import { redactedPlaces } from '../../../shared/request/redacted';
import { redactRequest } from '../../../electron/services/callout/history';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl';

describe('redactedPlaces', () => {
  it('names the URL, headers, body, form fields and bearer token that history redacted', () => {
    const sent = RequestSpec.parse({
      method: 'POST',
      url: 'https://api.example.test/items?api_key=k-123&page=2',
      headers: [
        { name: 'Authorization', value: 'Basic dTpw' },
        { name: 'X-Trace', value: 'plain' },
      ],
      body: { type: 'json', text: JSON.stringify({ password: 'hunter2', item: 1 }) },
      auth: { type: 'bearer', token: JWT },
    });
    expect(redactedPlaces(redactRequest(sent))).toEqual(['the URL', 'header Authorization', 'the body', 'the bearer token (Auth)']);

    const form = RequestSpec.parse({
      method: 'POST',
      url: 'https://api.example.test/token',
      body: {
        type: 'form',
        fields: [
          { name: 'client_secret', value: 's3cret' },
          { name: 'grant_type', value: 'client_credentials' },
        ],
      },
    });
    expect(redactedPlaces(redactRequest(form))).toEqual(['form field client_secret']);

    const multipart = RequestSpec.parse({
      method: 'POST',
      url: 'https://api.example.test/upload',
      body: {
        type: 'multipart',
        parts: [
          { name: 'token', kind: 'text', value: 'abc' },
          { name: 'note', kind: 'text', value: 'hello' },
        ],
      },
    });
    expect(redactedPlaces(redactRequest(multipart))).toEqual(['form field token']);
  });

  it('names nothing for a request without secrets', () => {
    const plain = RequestSpec.parse({
      method: 'GET',
      url: 'https://api.example.test/items?page=2',
      headers: [{ name: 'Accept', value: 'application/json' }],
    });
    expect(redactRequest(plain)).toEqual(plain);
    expect(redactedPlaces(redactRequest(plain))).toEqual([]);
  });
});
