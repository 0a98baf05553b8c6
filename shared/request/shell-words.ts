/** Splits a POSIX shell command line into words (quotes, escapes, line continuations) — enough for pasted cURL commands. */

export function shellWords(command: string): string[] {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let i = 0;
  const text = command.replace(/\\\r?\n/g, ' ').replace(/\^\r?\n/g, ' '); // bash and cmd.exe line continuations
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'") {
      const end = text.indexOf("'", i + 1);
      if (end < 0) throw new Error('A single quote is not closed.');
      current += text.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (c === '$' && text[i + 1] === "'") {
      // Bash ANSI-C quoting: $'...\n...'
      let j = i + 2;
      while (j < text.length && text[j] !== "'") {
        if (text[j] === '\\' && j + 1 < text.length) {
          const next = text[j + 1]!;
          current += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'r' ? '\r' : next;
          j += 2;
        } else current += text[j++];
      }
      if (j >= text.length) throw new Error("A $'…' quote is not closed.");
      inWord = true;
      i = j + 1;
    } else if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '\\' && j + 1 < text.length && '"\\$`\n'.includes(text[j + 1]!)) {
          current += text[j + 1];
          j += 2;
        } else current += text[j++];
      }
      if (j >= text.length) throw new Error('A double quote is not closed.');
      inWord = true;
      i = j + 1;
    } else if (c === '\\' && i + 1 < text.length) {
      current += text[i + 1];
      inWord = true;
      i += 2;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      i++;
    } else {
      current += c;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(current);
  return words;
}

/** Quotes a word for a POSIX shell: single quotes, with `'` written as `'\''`. */
export function shellQuote(word: string): string {
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
