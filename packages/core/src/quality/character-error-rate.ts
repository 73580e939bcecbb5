/**
 * Levenshtein distance between two strings in Unicode code points (an emoji or a CJK character
 * outside the BMP counts once): the fewest insertions, deletions and substitutions that turn `a`
 * into `b`. Shared prefixes and suffixes are skipped first; the rest costs O(n·m) time, O(m) memory.
 * @example editDistance('kitten', 'sitting') // 3
 */
export function editDistance(a: string, b: string): number {
  let x = Array.from(a);
  let y = Array.from(b);
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start += 1;
  let endX = x.length;
  let endY = y.length;
  while (endX > start && endY > start && x[endX - 1] === y[endY - 1]) {
    endX -= 1;
    endY -= 1;
  }
  x = x.slice(start, endX);
  y = y.slice(start, endY);
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  // The shorter string spans the row, so memory follows the shorter side.
  if (y.length > x.length) [x, y] = [y, x];
  let previous = new Int32Array(y.length + 1);
  let current = new Int32Array(y.length + 1);
  for (let j = 0; j <= y.length; j++) previous[j] = j;
  for (let i = 1; i <= x.length; i++) {
    current[0] = i;
    const xi = x[i - 1];
    for (let j = 1; j <= y.length; j++) {
      const substitute = previous[j - 1]! + (xi === y[j - 1] ? 0 : 1);
      current[j] = Math.min(substitute, previous[j]! + 1, current[j - 1]! + 1);
    }
    [previous, current] = [current, previous];
  }
  return previous[y.length]!;
}

/**
 * Character error rate of a transcription against its reference: edit distance / reference
 * length in code points. 0 is perfect; it exceeds 1 when the hypothesis adds more than the
 * reference holds. An empty reference gives 0 for an empty hypothesis and 1 otherwise.
 * @example characterErrorRate('hello', 'hallo') // 0.2
 */
export function characterErrorRate(reference: string, hypothesis: string): number {
  const length = Array.from(reference).length;
  if (length === 0) return hypothesis.length === 0 ? 0 : 1;
  return editDistance(reference, hypothesis) / length;
}
