// `{{variable}}` references as the editors highlight them: cut into stretches that join back to the
// text, and each name's source in the active environment the way a send would resolve it.
import { describe, expect, it } from 'vitest';
import type { Environment } from '../../../shared/contract/environments';
import { splitVariables, substituteVariables, variableSource } from '../../../shared/request/variables';

describe('splitVariables', () => {
  it('cuts text into plain stretches and references that join back to the same text', () => {
    const text = '{{host}}/items/{{ id }}?q={{missing}}&x={not}{{1bad}}';
    const segments = splitVariables(text);
    expect(segments).toEqual([
      { text: '{{host}}', name: 'host' },
      { text: '/items/' },
      { text: '{{ id }}', name: 'id' },
      { text: '?q=' },
      { text: '{{missing}}', name: 'missing' },
      { text: '&x={not}{{1bad}}' },
    ]);
    expect(segments.map((segment) => segment.text).join('')).toBe(text);
  });

  it('returns no segment for empty text and one plain stretch for text without references', () => {
    expect(splitVariables('')).toEqual([]);
    expect(splitVariables('https://a.test/{x}')).toEqual([{ text: 'https://a.test/{x}' }]);
  });

  it('marks exactly the names a send resolves', () => {
    const text = 'a {{one}} b {{two.x-y}} {{ three }}';
    const marked = splitVariables(text).flatMap((segment) => (segment.name ? [segment.name] : []));
    const { missing } = substituteVariables(text, {});
    expect(marked).toEqual(missing);
  });
});

describe('variableSource', () => {
  const staging: Environment = {
    id: 'e1',
    name: 'Staging',
    variables: [
      { name: 'host', value: 'https://staging.test', enabled: true, secret: false, hasValue: true },
      { name: 'token', value: '', enabled: true, secret: true, hasValue: true },
      { name: 'unset', value: '', enabled: true, secret: true, hasValue: false },
      { name: 'off', value: 'x', enabled: false, secret: false, hasValue: true },
    ],
  };

  it('names the environment a defined variable comes from, and never a value', () => {
    expect(variableSource(staging, 'host')).toEqual({ defined: true, description: 'from environment Staging' });
    expect(variableSource(staging, 'token')).toEqual({ defined: true, description: 'from environment Staging (secret, value hidden)' });
    expect(variableSource(staging, 'host').description).not.toContain('staging.test');
  });

  it('says why a name is not defined', () => {
    expect(variableSource(staging, 'missing')).toEqual({ defined: false, description: 'not defined in the active environment' });
    expect(variableSource(staging, 'off')).toEqual({ defined: false, description: 'disabled in environment Staging, so not defined' });
    expect(variableSource(staging, 'unset')).toEqual({ defined: false, description: 'a secret in environment Staging with no value set' });
    expect(variableSource(null, 'host')).toEqual({ defined: false, description: 'not defined: no environment is active' });
  });
});
