import { FormatError } from './format-error.js';
import { stripBom } from './text-source.js';

const fail = (reason: string, line?: number, path?: string): never => {
  throw new FormatError('yolo', reason, { line, path });
};

/** Class names from a `classes.txt` (one per line; class id = line index). Blank lines may only trail. */
export function readYoloClasses(text: string): string[] {
  const lines = stripBom(text).split(/\r?\n/).map((line) => line.trim());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  lines.forEach((name, i) => {
    if (name === '') fail('blank line among the class names: class ids are line numbers, so a gap would shift them', i + 1);
  });
  return lines;
}

/**
 * Class names from an Ultralytics `data.yaml`. Not a YAML parser: only the top-level `names:` key
 * is read, in the two shapes it takes there — a list (`names: [a, 'b c']` or `- a` lines) or a
 * map from class id to name (`0: a` lines or `{0: a, 1: b}`), whose ids must be 0 … n − 1.
 * Scalars may be plain, 'single' or "double" quoted; other keys and comments are ignored.
 * Callers with names from elsewhere can skip this and pass them directly.
 */
export function readYoloDataYaml(text: string): string[] {
  const lines = stripBom(text).split(/\r?\n/);
  const at = lines.findIndex((line) => /^names\s*:/.test(line));
  if (at === -1) return fail('data.yaml has no top-level "names:" key');
  if (lines.slice(at + 1).some((line) => /^names\s*:/.test(line))) fail('data.yaml has "names:" twice', at + 1);
  const rest = stripComment((lines[at] ?? '').replace(/^names\s*:/, '')).trim();
  if (rest.startsWith('[') || rest.startsWith('{')) return flowNames(lines, at, rest);
  if (rest !== '') return fail('names must be a list or a map of class names', at + 1);

  const entries: { key?: string; value: string; line: number }[] = [];
  for (let i = at + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (stripComment(line).trim() === '') continue;
    const item = /^(\s*)-\s*(.*)$/.exec(line);
    if (item !== null) entries.push({ value: item[2] ?? '', line: i + 1 });
    else if (/^\s+\S/.test(line)) {
      const pair = /^\s+([^:\s]+)\s*:\s*(.*)$/.exec(line) ?? fail('expected "- name" or "id: name" under names', i + 1);
      entries.push({ key: pair[1] ?? '', value: pair[2] ?? '', line: i + 1 });
    } else break;
  }
  return namesFrom(entries);
}

/** Names of a flow list or map, which may run over several lines until its bracket closes. */
function flowNames(lines: string[], at: number, first: string): string[] {
  const close = first.startsWith('[') ? ']' : '}';
  const body = [first.slice(1), ...lines.slice(at + 1).map(stripComment)].join('\n');
  const end = closes(body, close);
  if (end === false) return fail(`names: the "${first[0]}" is never closed`, at + 1);
  const endLine = at + body.slice(0, end).split('\n').length;
  if ((body.slice(end + 1).split('\n')[0] ?? '').trim() !== '') fail(`unexpected text after "${close}"`, endLine);
  const items = splitTopLevel(body.slice(0, end)).filter((item, k, all) => item.trim() !== '' || k < all.length - 1);
  return namesFrom(items.map((item) => {
    if (close === ']') return { value: item, line: at + 1 };
    const colon = item.indexOf(':');
    if (colon === -1) fail(`expected "id: name" in names, got "${item.trim()}"`, at + 1);
    return { key: item.slice(0, colon).trim(), value: item.slice(colon + 1), line: at + 1 };
  }));
}

function namesFrom(entries: { key?: string | undefined; value: string; line: number }[]): string[] {
  const keyed = entries.filter((e) => e.key !== undefined).length;
  if (keyed !== 0 && keyed !== entries.length) fail('names mixes "- name" items and "id: name" pairs', entries[0]?.line);
  const names: string[] = [];
  for (const entry of entries) {
    const name = scalar(entry.value, entry.line);
    if (entry.key === undefined) names.push(name);
    else {
      const id = /^\d+$/.test(entry.key) ? Number(entry.key) : fail(`class id "${entry.key}" is not a whole number`, entry.line);
      if (id >= entries.length || names[id] !== undefined) fail(`class ids must be 0 … ${entries.length - 1}, each once; got ${id}`, entry.line);
      names[id] = name;
    }
  }
  return names;
}

/** A YAML scalar: 'single quoted' ('' is a quote), "double quoted" (common escapes) or plain. */
function scalar(raw: string, line: number): string {
  const text = stripComment(raw).trim();
  const single = /^'((?:[^']|'')*)'$/.exec(text);
  if (single !== null) return (single[1] ?? '').replace(/''/g, "'");
  if (text.startsWith('"')) {
    if (!/^"(?:[^"\\]|\\.)*"$/.test(text)) fail(`unterminated or malformed "double-quoted" name ${text}`, line);
    try {
      return JSON.parse(text.replace(/\\'/g, "'")) as string;
    } catch {
      return fail(`unsupported escape in ${text}`, line);
    }
  }
  if (text === '' || /^['"[\]{}]/.test(text)) fail(`expected a class name, got "${text}"`, line);
  return text;
}

/** Indexes of the characters of `text` outside 'single' and "double" quotes. */
function* outsideQuotes(text: string): Generator<number, void, undefined> {
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote === '"' && c === '\\') i++;
    else if (quote !== '') quote = c === quote ? '' : quote;
    else if (c === "'" || c === '"') quote = c;
    else yield i;
  }
}

/** The text before a ` #` comment that is not inside quotes. */
function stripComment(line: string): string {
  for (const i of outsideQuotes(line)) {
    if (line[i] === '#' && (i === 0 || /\s/.test(line[i - 1] ?? ''))) return line.slice(0, i);
  }
  return line;
}

/** Index of the bracket that closes a flow collection (quotes respected), or false. */
function closes(body: string, close: string): number | false {
  for (const i of outsideQuotes(body)) if (body[i] === close) return i;
  return false;
}

/** The items of a flow collection's body, split on commas outside quotes. */
function splitTopLevel(body: string): string[] {
  const parts: string[] = [];
  let from = 0;
  for (const i of outsideQuotes(body)) {
    if (body[i] !== ',') continue;
    parts.push(body.slice(from, i));
    from = i + 1;
  }
  parts.push(body.slice(from));
  return parts;
}
