import { FormatError, parseJson } from './format-error.js';
import { checkJsonTask, stringifyTask, type JsonTask } from './json-tasks.js';
import { chunksOf, type RecordSource, type TextSource } from './text-source.js';

export interface JsonArrayReadOptions {
  /** Largest single task, in characters; default 64 Mi. */
  maxTaskChars?: number;
}

/**
 * Reads a JSON array of tasks (a Label Studio export) one element at a time: a small scanner
 * finds where each top-level element ends, so memory holds one task however long the array.
 * Bare data objects are wrapped as `{ data }`. Throws FormatError naming the line and the
 * element (`[12].data`).
 */
export async function* readJsonArray(source: TextSource, options: JsonArrayReadOptions = {}): AsyncGenerator<JsonTask, void, undefined> {
  const max = options.maxTaskChars ?? 64 * 1024 * 1024;
  // before: until "["; first: just after it; open: after ","; element: inside one; after: past "]".
  let state = 'before' as 'before' | 'first' | 'open' | 'element' | 'after';
  let [line, depth, inString, escaped] = [1, 0, false, false];
  let [parts, length, elementLine, index] = [[] as string[], 0, 1, 0];
  const fail = (reason: string): never => {
    throw new FormatError('json', reason, { line });
  };
  const emit = (): JsonTask => {
    const text = parts.join('');
    [parts, length] = [[], 0];
    const at = { line: elementLine, path: `[${index}]` };
    index++;
    return checkJsonTask(parseJson(text, 'json', at, elementLine), 'json', at);
  };

  let bom = true;
  for await (const chunk of chunksOf(source, 'json')) {
    let from = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i] as string;
      if (bom && c === '\ufeff' && state === 'before') continue;
      bom = false;
      if (state === 'element') {
        if (inString) {
          if (escaped) escaped = false;
          else if (c === '\\') escaped = true;
          else if (c === '"') inString = false;
          else if (c === '\n') line++;
          continue;
        }
        if (c === '"') inString = true;
        else if (c === '{' || c === '[') depth++;
        else if ((c === '}' || c === ']') && depth > 0) depth--;
        else if ((c === ',' || c === ']') && depth === 0) {
          parts.push(chunk.slice(from, i));
          yield emit();
          state = c === ',' ? 'open' : 'after';
        } else if (c === '\n') line++;
        continue;
      }
      if (c === '\n') line++;
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
      if (state === 'before') {
        if (c !== '[') fail('expected a JSON array of tasks, starting with "["');
        state = 'first';
      } else if (state === 'after') fail(`unexpected "${c}" after the end of the array`);
      else if (c === ']' && state === 'first') state = 'after';
      else if (c === ']' || c === ',') fail(`expected a task before "${c}"`);
      else {
        [state, depth, inString, escaped, from, elementLine] = ['element', 0, false, false, i, line];
        i--; // read this character again, as the element's first
      }
    }
    if (state === 'element') {
      parts.push(chunk.slice(from));
      length += chunk.length - from;
      if (length > max) fail(`task ${index} is longer than ${max} characters`);
    }
  }
  if (state !== 'after') fail(state === 'before' ? 'expected a JSON array of tasks, got no input' : 'the array is not closed: the input ends inside it');
}

/** Writes tasks as a JSON array, one chunk per task. */
export async function* writeJsonArray(tasks: RecordSource<object>): AsyncGenerator<string, void, undefined> {
  let index = 0;
  for await (const task of tasks) {
    yield `${index === 0 ? '[\n' : ',\n'}${stringifyTask(task, 'json', index)}`;
    index++;
  }
  yield index === 0 ? '[]\n' : '\n]\n';
}
