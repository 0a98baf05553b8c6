/**
 * A streaming JSON pretty-printer: text goes in chunk by chunk, indented text comes out as it is
 * read, so the first page of a 20 MB body is ready at once and memory stays flat. Output has the
 * layout of `JSON.stringify(value, null, 2)`; tokens (numbers, string escapes) are kept as received.
 * The grammar is checked as it goes (RFC 8259): invalid JSON throws `JsonSyntaxError`.
 */

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    /** Character offset into the whole input. */
    readonly position: number,
  ) {
    super(`${message} at character ${position}`);
  }
}

// What may come next.
const VALUE = 0;
const VALUE_OR_CLOSE = 1;
const KEY = 2;
const KEY_OR_CLOSE = 3;
const COLON = 4;
const COMMA_OR_CLOSE = 5;
const END = 6;

const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LITERAL = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)$/;

/** Characters a number or true/false/null is made of (checked as a whole at its end). */
function isLiteralChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x2d || c === 0x2b || c === 0x2e;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

/** RFC 8259 §7: \" \\ \/ \b \f \n \r \t (and \u, handled apart). */
const SIMPLE_ESCAPES = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]);

export class JsonPrettyPrinter {
  /** Open containers, innermost last: `{` or `[` as char codes. */
  readonly #stack: number[] = [];
  #expect = VALUE;
  /** An opening bracket not written yet, so that `{}` and `[]` stay on one line (0 when none). */
  #pendingOpen = 0;
  #inString = false;
  /** In a string escape: -1 right after `\`, 1–4 while reading the hex digits of `\u`. */
  #escape = 0;
  /** A number or literal being read (it may continue in the next chunk), or null. */
  #literal: string | null = null;
  #literalStart = 0;
  /** Characters consumed before the current chunk (for error positions). */
  #consumed = 0;
  readonly #indents: string[] = ['\n'];

  /** Formats the next chunk; returns the text that is ready. */
  push(chunk: string): string {
    let out = '';
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (this.#inString) {
        const start = i;
        i = this.#scanString(chunk, i);
        out += chunk.slice(start, i);
        continue;
      }
      if (this.#literal !== null) {
        const start = i;
        while (i < n && isLiteralChar(chunk.charCodeAt(i))) i++;
        this.#literal += chunk.slice(start, i);
        if (i === n) break; // it may go on in the next chunk
        out += this.#finishLiteral();
        continue;
      }
      const c = chunk.charCodeAt(i);
      switch (c) {
        case 0x20:
        case 0x09:
        case 0x0a:
        case 0x0d:
          break;
        case QUOTE:
          if (this.#expect === KEY || this.#expect === KEY_OR_CLOSE) this.#expect = COLON;
          else this.#beginValue(i);
          out += `${this.#flushOpen()}"`;
          this.#inString = true;
          break;
        case OPEN_OBJECT:
        case OPEN_ARRAY:
          this.#beginValue(i);
          out += this.#flushOpen();
          this.#stack.push(c);
          this.#pendingOpen = c;
          this.#expect = c === OPEN_OBJECT ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
          break;
        case 0x7d: // }
        case 0x5d: {
          // ]
          const open = c === 0x7d ? OPEN_OBJECT : OPEN_ARRAY;
          const emptyOk = c === 0x7d ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
          if (this.#stack[this.#stack.length - 1] !== open || (this.#expect !== COMMA_OR_CLOSE && this.#expect !== emptyOk)) {
            this.#fail(`Unexpected "${chunk[i]}"`, i);
          }
          this.#stack.pop();
          if (this.#pendingOpen) {
            out += String.fromCharCode(this.#pendingOpen, c);
            this.#pendingOpen = 0;
          } else out += this.#indent(this.#stack.length) + chunk[i];
          this.#afterValue();
          break;
        }
        case 0x3a: // :
          if (this.#expect !== COLON) this.#fail('Unexpected ":"', i);
          out += ': ';
          this.#expect = VALUE;
          break;
        case 0x2c: // ,
          if (this.#expect !== COMMA_OR_CLOSE) this.#fail('Unexpected ","', i);
          out += `,${this.#indent(this.#stack.length)}`;
          this.#expect = this.#stack[this.#stack.length - 1] === OPEN_OBJECT ? KEY : VALUE;
          break;
        default:
          if (!isLiteralChar(c)) this.#fail(`Unexpected character "${chunk[i]}"`, i);
          this.#literal = '';
          this.#literalStart = this.#consumed + i;
          continue;
      }
      i++;
    }
    this.#consumed += n;
    return out;
  }

  /** Ends the input; returns the last text or throws when the JSON is incomplete. */
  end(): string {
    const out = this.#literal !== null ? this.#finishLiteral() : '';
    if (this.#inString) throw new JsonSyntaxError('Unterminated string', this.#consumed);
    if (this.#expect !== END) throw new JsonSyntaxError('Unexpected end of JSON', this.#consumed);
    return out;
  }

  /** Reads string content from `i`; returns the index after the closing quote, or the chunk's end. */
  #scanString(chunk: string, start: number): number {
    let escape = this.#escape;
    const n = chunk.length;
    for (let i = start; i < n; i++) {
      const c = chunk.charCodeAt(i);
      if (escape !== 0) {
        if (escape < 0) {
          if (c === 0x75) escape = 4;
          else if (SIMPLE_ESCAPES.has(c)) escape = 0;
          else this.#fail('Bad escape in string', i);
        } else if (isHex(c)) escape--;
        else this.#fail('Bad escape in string', i);
      } else if (c === QUOTE) {
        this.#escape = 0;
        this.#inString = false;
        if (this.#expect !== COLON) this.#afterValue();
        return i + 1;
      } else if (c === BACKSLASH) escape = -1;
      else if (c < 0x20) this.#fail('Control character in string', i);
    }
    this.#escape = escape;
    return n;
  }

  #finishLiteral(): string {
    const literal = this.#literal!;
    this.#literal = null;
    if (!LITERAL.test(literal)) throw new JsonSyntaxError(`Unexpected "${literal.slice(0, 20)}"`, this.#literalStart);
    if (this.#expect !== VALUE && this.#expect !== VALUE_OR_CLOSE) throw new JsonSyntaxError('Unexpected value', this.#literalStart);
    const out = this.#flushOpen() + literal;
    this.#afterValue();
    return out;
  }

  #beginValue(at: number) {
    if (this.#expect !== VALUE && this.#expect !== VALUE_OR_CLOSE) this.#fail('Unexpected value', at);
  }

  #flushOpen(): string {
    if (!this.#pendingOpen) return '';
    const open = String.fromCharCode(this.#pendingOpen) + this.#indent(this.#stack.length);
    this.#pendingOpen = 0;
    return open;
  }

  #afterValue() {
    this.#expect = this.#stack.length === 0 ? END : COMMA_OR_CLOSE;
  }

  #indent(depth: number): string {
    while (this.#indents.length <= depth) this.#indents.push(`${this.#indents[this.#indents.length - 1]}  `);
    return this.#indents[depth]!;
  }

  #fail(message: string, at: number): never {
    throw new JsonSyntaxError(message, this.#consumed + at);
  }
}

/** Formats a whole string at once (tests, small bodies). */
export function prettyJson(text: string): string {
  const printer = new JsonPrettyPrinter();
  return printer.push(text) + printer.end();
}
