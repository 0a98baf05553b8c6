// The streaming JSON pretty-printer: same layout as JSON.stringify(…, null, 2), whatever the chunking; invalid JSON refused.
import { describe, expect, it } from 'vitest';
import { JsonPrettyPrinter, JsonSyntaxError, prettyJson } from '../../../electron/services/callout/json-pretty';

const VALID = [
  '{}',
  '[]',
  '0',
  '-12.5',
  '1e-7',
  'true',
  'null',
  '"a \\"quoted\\" \\\\ \\n string"',
  '{"a":1,"b":[1,2,{"c":null}],"d":{},"e":[],"f":"x,y:{z}"}',
  ' [ {"nested" : [ [ ], { } , [ [ 1 ] ] ] } , false ] \n',
  '{"unicode":"nämé ☃ 😀","empty":"","deep":{"a":{"b":{"c":[1,[2,[3]]]}}}}',
];

function formatInChunks(text: string, size: number): string {
  const printer = new JsonPrettyPrinter();
  let out = '';
  for (let i = 0; i < text.length; i += size) out += printer.push(text.slice(i, i + size));
  return out + printer.end();
}

describe('streaming JSON pretty-printer', () => {
  it.each(VALID)('formats %s like JSON.stringify(…, null, 2), split at any point', (text) => {
    const expected = JSON.stringify(JSON.parse(text), null, 2);
    expect(prettyJson(text)).toBe(expected);
    for (const size of [1, 2, 3, 7]) expect(formatInChunks(text, size)).toBe(expected);
  });

  it('keeps numbers and escapes as received', () => {
    expect(prettyJson('{"n":1.50,"e":-12.5e+3,"s":"\\u00e9"}')).toBe('{\n  "n": 1.50,\n  "e": -12.5e+3,\n  "s": "\\u00e9"\n}');
  });

  it.each([
    ['', 'Unexpected end of JSON'],
    ['{', 'Unexpected end of JSON'],
    ['{"a":1,}', 'Unexpected "}"'],
    ['[1,]', 'Unexpected "]"'],
    ['{"a" 1}', 'Unexpected value'],
    ['{1:2}', 'Unexpected value'],
    ['[1 2]', 'Unexpected value'],
    ['[01]', 'Unexpected "01"'],
    ['[tru]', 'Unexpected "tru"'],
    ['{"a":1}}', 'Unexpected "}"'],
    ['{"a":1} x', 'Unexpected "x"'],
    ['{"a":1} 2', 'Unexpected value'],
    ['["a\nb"]', 'Control character in string'],
    ['["\\x"]', 'Bad escape in string'],
    ['["\\u12g4"]', 'Bad escape in string'],
    ['["open', 'Unterminated string'],
    ["{'a':1}", 'Unexpected character "\'"'],
  ])('refuses %j (%s), as JSON.parse does', (text, message) => {
    expect(() => JSON.parse(text)).toThrow();
    for (const size of [1, 3, 1000]) {
      expect(() => formatInChunks(text, size)).toThrow(JsonSyntaxError);
      expect(() => formatInChunks(text, size)).toThrow(message);
    }
  });

  it('says where the error is', () => {
    try {
      prettyJson('{"a": [1, 2,, 3]}');
      expect.unreachable();
    } catch (error) {
      expect((error as JsonSyntaxError).position).toBe(12);
    }
  });

  it('formats a large document the same as JSON.stringify', () => {
    const value = { items: Array.from({ length: 20_000 }, (_, i) => ({ i, name: `nämé ${i}`, tags: [i % 2 === 0, null, 'x\\"y'] })) };
    const text = JSON.stringify(value);
    expect(formatInChunks(text, 65_536)).toBe(JSON.stringify(value, null, 2));
  });
});
