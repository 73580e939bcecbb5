import path from 'node:path';
import type { Readable } from 'node:stream';
import {
  FormatError, parsePredictionFile, type EvaluationKind, type FilePrediction, type LabelConfig, type PredictionFile,
} from '@laoshi/core';
import { LaoshiError, badRequest } from '../../errors.js';
import { checkResult } from '../annotations/check-result.js';
import type { EvaluationTarget } from './evaluation-targets.js';
import type { EvaluationOptionsBody } from './evaluation-types.js';

/** Largest prediction file taken, in bytes (it is parsed whole, like a COCO file). */
export const MAX_PREDICTION_FILE_BYTES = 64 * 1024 * 1024;

/** The parts of a multipart upload as @fastify/multipart yields them. */
export type UploadPart = { type: 'file'; fieldname: string; filename: string; file: Readable } | { type: 'field'; fieldname: string; value: unknown };

export interface Upload {
  fileName: string;
  bytes: Buffer;
  fields: Record<string, string>;
}

const FIELDS = ['name', 'reference', 'fromName', 'kind', 'sliceBy', 'minSupport', 'iouType', 'nerMatch'];

/** Reads the one file (field `file`) and the option fields of an upload; 400/413 naming the field. */
export async function readUpload(parts: AsyncIterable<UploadPart>): Promise<Upload> {
  let file: { fileName: string; bytes: Buffer } | null = null;
  const fields: Record<string, string> = {};
  for await (const part of parts) {
    if (part.type === 'field') {
      if (!FIELDS.includes(part.fieldname)) throw badRequest(`unknown field ${part.fieldname}`, part.fieldname);
      if (typeof part.value !== 'string') throw badRequest(`${part.fieldname} must be text`, part.fieldname);
      fields[part.fieldname] = part.value;
      continue;
    }
    if (part.fieldname !== 'file') throw badRequest(`unknown file field ${part.fieldname}: send the prediction file as "file"`, part.fieldname);
    if (file) throw badRequest('send one prediction file', 'file');
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of part.file) {
      size += (chunk as Buffer).length;
      if (size > MAX_PREDICTION_FILE_BYTES) throw new LaoshiError(413, 'LAOSHI_PAYLOAD_TOO_LARGE', `file: larger than ${MAX_PREDICTION_FILE_BYTES / 1024 / 1024} MiB`, 'file');
      chunks.push(chunk as Buffer);
    }
    file = { fileName: path.posix.basename(part.filename.replace(/\\/g, '/')).slice(0, 200) || 'predictions.json', bytes: Buffer.concat(chunks) };
  }
  if (!file) throw badRequest('file: no prediction file in the upload', 'file');
  if (file.bytes.length === 0) throw badRequest('file: the file is empty', 'file');
  return { ...file, fields };
}

const CHOICES: Record<string, readonly string[]> = {
  reference: ['accepted', 'gold'], kind: ['classification', 'detection', 'segmentation', 'ner'], iouType: ['bbox', 'segm'], nerMatch: ['exact', 'overlap'],
};

/** The option fields of the file route checked as the JSON route checks its body; 400 naming a bad one. Empty fields count as absent. */
export function optionsFromFields(fields: Record<string, string>): EvaluationOptionsBody {
  const given = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== ''));
  for (const [key, allowed] of Object.entries(CHOICES)) {
    const value = given[key];
    if (value !== undefined && !allowed.includes(value)) throw badRequest(`${key}: must be one of ${allowed.join(', ')}`, key);
  }
  if (given.reference === undefined) throw badRequest('reference: must be accepted or gold', 'reference');
  for (const key of ['name', 'fromName', 'sliceBy']) {
    if ((given[key]?.length ?? 0) > 200) throw badRequest(`${key}: at most 200 characters`, key);
  }
  let minSupport: number | undefined;
  if (given.minSupport !== undefined) {
    if (!/^\d{1,7}$/.test(given.minSupport) || Number(given.minSupport) < 1) throw badRequest('minSupport: must be a positive integer', 'minSupport');
    minSupport = Number(given.minSupport);
  }
  return { ...given, ...(minSupport !== undefined ? { minSupport } : {}) } as EvaluationOptionsBody;
}

/** A parsed, checked prediction file: task results (checked against the label config) or COCO detections. */
export type CheckedFile = { format: 'tasks'; predictions: FilePrediction[] } | Extract<PredictionFile, { format: 'coco' }>;

/**
 * Parses an uploaded prediction file and checks it against the run: its results must be valid
 * for the label config (only the evaluated control's items are kept), a COCO file fits only a
 * rectangle or polygon control. 400 with field "file" and the place in the file otherwise.
 */
export function checkPredictionFile(upload: Upload, config: LabelConfig, target: EvaluationTarget, kind: EvaluationKind): CheckedFile {
  let parsed: PredictionFile;
  try {
    parsed = parsePredictionFile(upload.bytes.toString('utf8'), upload.fileName);
  } catch (err) {
    if (err instanceof FormatError) throw new LaoshiError(400, 'LAOSHI_BAD_FILE', `file: ${err.message}`, 'file', err.path ? { path: err.path } : undefined);
    throw err;
  }
  if (parsed.format === 'coco') {
    if (kind !== 'detection' && kind !== 'segmentation') throw new LaoshiError(400, 'LAOSHI_BAD_FILE', `file: COCO results can only be evaluated on a rectangle or polygon control, not as ${kind}`, 'file');
    return parsed;
  }
  const predictions = parsed.predictions.map((p) => {
    const own = p.result.filter((item) => typeof item === 'object' && item !== null && (item as { from_name?: unknown }).from_name === target.fromName);
    try {
      return { ...p, result: checkResult(config, own, `${p.where}.result`) };
    } catch (err) {
      if (err instanceof LaoshiError) throw new LaoshiError(400, 'LAOSHI_BAD_FILE', `file: ${err.message}`, 'file', { path: err.field });
      throw err;
    }
  });
  return { format: 'tasks', predictions };
}
