/**
 * Where a request reopened from history still holds `<redacted>` (history keeps no secret), so the
 * editor can say what to enter again before sending.
 */
import { REDACTED } from '../contract/history';
import type { RequestSpec } from '../contract/http';

export function redactedPlaces(request: Pick<RequestSpec, 'url' | 'headers' | 'body' | 'auth'>): string[] {
  const places: string[] = [];
  const has = (text: string | undefined) => !!text?.includes(REDACTED);
  if (has(request.url)) places.push('the URL');
  for (const header of request.headers) if (has(header.value)) places.push(`header ${header.name}`);
  const { body } = request;
  if ((body.type === 'json' || body.type === 'text' || body.type === 'xml') && has(body.text)) places.push('the body');
  if (body.type === 'form') for (const field of body.fields) if (has(field.value)) places.push(`form field ${field.name}`);
  if (body.type === 'multipart')
    for (const part of body.parts) if (part.kind === 'text' && has(part.value)) places.push(`form field ${part.name}`);
  if (request.auth.type === 'bearer' && has(request.auth.token)) places.push('the bearer token (Auth)');
  return places;
}
