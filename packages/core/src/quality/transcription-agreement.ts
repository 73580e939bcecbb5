import { spanIoU } from '../geometry/span.js';
import { matchByIoU } from '../matching/match-by-iou.js';
import { characterErrorRate } from './character-error-rate.js';
import { wordErrorRate } from './word-error-rate.js';

/** A transcribed stretch of audio: seconds, and what was said. */
export interface TranscribedSegment {
  start: number;
  end: number;
  text: string;
}

export interface TranscriptionAgreement {
  /** CER and WER of B's whole transcript (segments in time order, joined by spaces) against A's. */
  cer: number;
  wer: number;
  /** Segments paired by time overlap (Hungarian on time IoU ≥ `threshold`), with their own CER and WER. */
  pairs: { a: number; b: number; iou: number; cer: number; wer: number }[];
}

const transcript = (segments: readonly TranscribedSegment[]) =>
  [...segments].sort((x, y) => x.start - y.start || x.end - y.end).map((s) => s.text.trim()).filter((t) => t !== '').join(' ');

/**
 * How two annotators' transcriptions of one recording agree, with A as the reference: CER and WER
 * of the whole transcripts (so segments cut differently still compare), and per segment pair
 * (segments that overlap in time by IoU ≥ threshold, default 0.5).
 * @example transcriptionAgreement(mine, theirs).wer // 0.12
 */
export function transcriptionAgreement(a: readonly TranscribedSegment[], b: readonly TranscribedSegment[], options: { threshold?: number } = {}): TranscriptionAgreement {
  const whole = { cer: characterErrorRate(transcript(a), transcript(b)), wer: wordErrorRate(transcript(a), transcript(b)) };
  if (a.length === 0 || b.length === 0) return { ...whole, pairs: [] };
  const scores = a.map((x) => b.map((y) => spanIoU(x, y)));
  const { pairs } = matchByIoU(scores, { threshold: options.threshold ?? 0.5 });
  return {
    ...whole,
    pairs: pairs.map((p) => {
      const [x, y] = [a[p.row]!, b[p.col]!];
      return { a: p.row, b: p.col, iou: p.score, cer: characterErrorRate(x.text, y.text), wer: wordErrorRate(x.text, y.text) };
    }),
  };
}
