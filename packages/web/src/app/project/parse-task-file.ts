/** Splits an uploaded JSON array, JSONL or plain-text file into Label Studio-style task objects. */
export function parseTaskFile(name: string, text: string): unknown[] {
  const body = text.replace(/^\uFEFF/, '');
  const trimmed = body.trim();
  if (!trimmed) return [];
  if (/\.jsonl$/i.test(name) || (!trimmed.startsWith('[') && trimmed.startsWith('{') && trimmed.includes('\n'))) {
    return trimmed.split(/\r?\n/).flatMap((line, i) => {
      if (!line.trim()) return [];
      try {
        return [JSON.parse(line) as unknown];
      } catch {
        throw new Error(`${name}: line ${i + 1} is not valid JSON`);
      }
    });
  }
  if (/\.txt$/i.test(name)) return trimmed.split(/\r?\n/).filter((l) => l.trim()).map((line) => ({ text: line }));
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch (err) {
    throw new Error(`${name}: not valid JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  return Array.isArray(parsed) ? parsed : [parsed];
}
