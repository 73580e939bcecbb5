/**
 * Levenshtein distance between two sequences (tokens compared with `===`): the fewest
 * insertions, deletions and substitutions that turn `a` into `b`. O(n·m) time, O(min) memory.
 * @example sequenceEditDistance(['a', 'b', 'c'], ['a', 'c']) // 1
 */
export function sequenceEditDistance<T>(a: readonly T[], b: readonly T[]): number {
  let [x, y] = a.length >= b.length ? [a, b] : [b, a];
  let start = 0;
  while (start < y.length && x[start] === y[start]) start++;
  let endX = x.length;
  let endY = y.length;
  while (endX > start && endY > start && x[endX - 1] === y[endY - 1]) {
    endX--;
    endY--;
  }
  x = x.slice(start, endX);
  y = y.slice(start, endY);
  if (y.length === 0) return x.length;
  let previous = new Int32Array(y.length + 1);
  let current = new Int32Array(y.length + 1);
  for (let j = 0; j <= y.length; j++) previous[j] = j;
  for (let i = 1; i <= x.length; i++) {
    current[0] = i;
    const xi = x[i - 1];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j - 1]! + (xi === y[j - 1] ? 0 : 1), previous[j]! + 1, current[j - 1]! + 1);
    }
    [previous, current] = [current, previous];
  }
  return previous[y.length]!;
}

// Scripts written without spaces between words: each character counts as a word, as ASR
// evaluations of Chinese and Japanese do (where WER equals CER).
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;

/**
 * The words of a transcription: whitespace-separated tokens, with every Han, kana or Thai
 * character a word of its own. Case and punctuation are kept: normalise before if they should not
 * count.
 * @example transcriptWords('turn left 左转') // ['turn', 'left', '左', '转']
 */
export function transcriptWords(text: string): string[] {
  const words: string[] = [];
  for (const token of text.split(/\s+/u)) {
    let run = '';
    for (const ch of token) {
      if (UNSPACED.test(ch)) {
        if (run !== '') words.push(run);
        words.push(ch);
        run = '';
      } else run += ch;
    }
    if (run !== '') words.push(run);
  }
  return words;
}

/**
 * Word error rate of a transcription against its reference: word edit distance / reference
 * words (see transcriptWords). 0 is perfect; it exceeds 1 when the hypothesis adds more words than
 * the reference holds. An empty reference gives 0 for an empty hypothesis and 1 otherwise.
 * @example wordErrorRate('turn left at the light', 'turn right at light') // 0.4
 */
export function wordErrorRate(reference: string, hypothesis: string): number {
  const ref = transcriptWords(reference);
  const hyp = transcriptWords(hypothesis);
  if (ref.length === 0) return hyp.length === 0 ? 0 : 1;
  return sequenceEditDistance(ref, hyp) / ref.length;
}
