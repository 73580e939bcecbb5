const LITERAL = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null/y;
const ESCAPE = /["\\/bfnrt]|u[0-9a-fA-F]{4}/y;

/**
 * Offset of the first JSON syntax error in `text`, or undefined when it is valid JSON. Only run
 * after JSON.parse failed: V8 names the position in some of its messages but not in all.
 * Iterative, so deep nesting cannot overflow the stack.
 */
export function jsonErrorOffset(text: string): number | undefined {
  const stack: string[] = [];
  let expect: 'value' | 'value-or-close' | 'key' | 'key-or-close' | 'after' = 'value';
  let i = 0;
  for (;;) {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
    const c = text[i];
    if (expect === 'after') {
      const top = stack[stack.length - 1];
      if (top === undefined) return c === undefined ? undefined : i;
      if (c === ',') expect = top === '{' ? 'key' : 'value';
      else if ((c === '}' && top === '{') || (c === ']' && top === '[')) stack.pop();
      else return i;
      i++;
      continue;
    }
    if (c === undefined) return i;
    if (expect === 'key' || expect === 'key-or-close') {
      if (c === '}' && expect === 'key-or-close') {
        [i, expect] = [i + 1, 'after'];
        stack.pop();
        continue;
      }
      if (c !== '"') return i;
      const end = stringEnd(text, i);
      if (end < 0) return -end - 1;
      i = end;
      while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
      if (text[i] !== ':') return i;
      [i, expect] = [i + 1, 'value'];
      continue;
    }
    if (c === ']' && expect === 'value-or-close') {
      stack.pop();
      [i, expect] = [i + 1, 'after'];
    } else if (c === '{' || c === '[') {
      stack.push(c);
      [i, expect] = [i + 1, c === '{' ? 'key-or-close' : 'value-or-close'];
    } else if (c === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return -end - 1;
      [i, expect] = [end, 'after'];
    } else {
      LITERAL.lastIndex = i;
      const match = LITERAL.exec(text);
      if (match === null) return i;
      [i, expect] = [i + match[0].length, 'after'];
    }
  }
}

/** Offset just past the string starting at `start`, or −(offset of the error) − 1. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x22) return i + 1;
    if (code < 0x20) return -i - 1;
    if (code === 0x5c) {
      ESCAPE.lastIndex = i + 1;
      const match = ESCAPE.exec(text);
      if (match === null) return -i - 1;
      i += match[0].length;
    }
  }
  return -text.length - 1;
}
