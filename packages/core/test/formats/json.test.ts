import { describe, expect, it } from 'vitest';
import { joinChunks, readJsonArray, readJsonLines, writeJsonArray, writeJsonLines } from '../../src/formats/index.js';
import { chunked, collect, expectFormatError } from './helpers.js';

const tasks = [
  { data: { text: 'Привет, мир' }, annotations: [{ result: [] }] },
  { data: { image: 'a.jpg' }, predictions: [{ result: [{ id: 'x' }], score: 0.5 }], meta: { batch: '{"]' } },
];

describe('JSON Lines', () => {
  it('reads one task per line, with a BOM, CRLF and blank lines', async () => {
    const text = `\ufeff${JSON.stringify(tasks[0])}\r\n\r\n${JSON.stringify(tasks[1])}\r\n`;
    expect(await collect(readJsonLines(text))).toEqual(tasks);
    // the same text cut into chunks of 3 characters, lines spanning chunks
    expect(await collect(readJsonLines(chunked(text, 3)))).toEqual(tasks);
  });

  it('wraps bare data objects, as Label Studio imports them', async () => {
    expect(await collect(readJsonLines('{"image": "a.jpg"}\n'))).toEqual([{ data: { image: 'a.jpg' } }]);
  });

  it('names the line and column of an error', async () => {
    const error = await expectFormatError(() => collect(readJsonLines('{"data": {}}\n\n{"data": {"a": 1,}}\n')), 'jsonl', /line 3, column 18: not valid JSON/);
    // `{"data": {"a": 1,}}`: the "}" after the trailing comma is character 18
    expect([error.line, error.column]).toEqual([3, 18]);
    await expectFormatError(() => collect(readJsonLines('{"data": {}}\n[1]\n')), 'jsonl', /line 2: a task must be a JSON object/);
    await expectFormatError(() => collect(readJsonLines('{"data": []}')), 'jsonl', /line 1 at data: data must be a JSON object/);
    await expectFormatError(() => collect(readJsonLines('{"data": {}, "annotations": [{"result": {}}]}')), 'jsonl', /at annotations\[0\]\.result: result must be an array/);
    await expectFormatError(() => collect(readJsonLines(['{"data":', ' {}}', '\n', 'x'.repeat(50)], { maxLineChars: 20 })), 'jsonl', /line 2: line is longer than 20/);
  });

  it('refuses byte chunks that were not decoded', async () => {
    await expectFormatError(() => collect(readJsonLines([new Uint8Array([123]) as unknown as string])), 'jsonl', /chunk 0 is not a string/);
  });

  it('writes one line per task and reads it back', async () => {
    const text = await joinChunks(writeJsonLines(tasks));
    expect(text.split('\n')).toHaveLength(3);
    expect(await collect(readJsonLines(text))).toEqual(tasks);
    const cyclic: Record<string, unknown> = { data: {} };
    cyclic.self = cyclic;
    await expectFormatError(() => joinChunks(writeJsonLines([cyclic])), 'jsonl', /tasks\[0\]: cannot write the task as JSON/);
  });
});

describe('JSON array', () => {
  it('streams the tasks of an array, whatever the chunk size', async () => {
    const text = `\ufeff[\n  ${JSON.stringify(tasks[0], null, 2)},\n${JSON.stringify(tasks[1])}\n]\n`;
    for (const size of [1, 2, 7, 1000]) expect(await collect(readJsonArray(chunked(text, size)))).toEqual(tasks);
    expect(await collect(readJsonArray('[]'))).toEqual([]);
    expect(await collect(readJsonArray(' [ {"a": "]"} ] '))).toEqual([{ data: { a: ']' } }]);
  });

  it('names the element and the line of an error', async () => {
    const bad = '[\n{"data": {}},\n{"data": {"a": tru}}\n]';
    const error = await expectFormatError(() => collect(readJsonArray(bad)), 'json', /line 3, column 16 at \[1\]: not valid JSON/);
    expect(error.path).toBe('[1]');
    await expectFormatError(() => collect(readJsonArray('[{"data": 1}]')), 'json', /at \[0\]\.data: data must be a JSON object/);
    await expectFormatError(() => collect(readJsonArray('{"data": {}}')), 'json', /expected a JSON array of tasks/);
    await expectFormatError(() => collect(readJsonArray('[{"data": {}},]')), 'json', /expected a task before "]"/);
    await expectFormatError(() => collect(readJsonArray('[{"data": {}}] x')), 'json', /unexpected "x" after the end/);
    await expectFormatError(() => collect(readJsonArray('[{"data": {"a": "')), 'json', /not closed/);
    await expectFormatError(() => collect(readJsonArray('')), 'json', /got no input/);
    await expectFormatError(() => collect(readJsonArray(['[{"a": "', 'x'.repeat(100), '"}]'], { maxTaskChars: 50 })), 'json', /task 0 is longer than 50/);
  });

  it('writes an array that reads back', async () => {
    expect(await joinChunks(writeJsonArray([]))).toBe('[]\n');
    const text = await joinChunks(writeJsonArray(tasks));
    expect(JSON.parse(text)).toEqual(tasks);
    expect(await collect(readJsonArray(text))).toEqual(tasks);
  });
});
