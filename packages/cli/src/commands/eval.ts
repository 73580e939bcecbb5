import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { classificationReport, cocoEvaluate, type DetectedRegion, type GroundTruthRegion, type Shape } from '@laoshi/core';
import { CliError } from '../cli-error.js';
import type { CliIo } from '../io.js';

// `laoshi eval`: model evaluation from files (算法测试), the same core code the server's reports use.

type IouType = 'bbox' | 'segm';

interface CocoAnnotation {
  id?: number;
  image_id: number | string;
  category_id: number | string;
  bbox?: number[];
  segmentation?: unknown;
  area?: number;
  iscrowd?: number;
  score?: number;
}

async function readJson(file: string, what: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new CliError(`${what}: cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`, 2);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (err) {
    throw new CliError(`${what}: ${file} is not JSON (${(err as Error).message})`, 2);
  }
}

function shapeOf(a: CocoAnnotation, iouType: IouType, where: string): Shape {
  if (iouType === 'bbox') {
    const b = a.bbox;
    if (!Array.isArray(b) || b.length !== 4 || !b.every((v) => typeof v === 'number' && Number.isFinite(v))) throw new CliError(`${where}.bbox must be [x, y, width, height]`, 2);
    return { kind: 'box', box: { x: b[0]!, y: b[1]!, width: b[2]!, height: b[3]!, rotation: 0 } };
  }
  const seg = a.segmentation;
  if (!Array.isArray(seg) || seg.length === 0) throw new CliError(`${where}.segmentation must be a list of polygons (RLE masks are not supported by --iou-type segm yet)`, 2);
  // The first polygon of the region (COCO regions with several parts are rare in detection results).
  const flat = seg[0] as unknown;
  if (!Array.isArray(flat) || flat.length < 6 || flat.length % 2 !== 0 || !flat.every((v) => typeof v === 'number')) throw new CliError(`${where}.segmentation[0] must be [x1, y1, x2, y2, …] with at least 3 points`, 2);
  const points: [number, number][] = [];
  for (let i = 0; i < flat.length; i += 2) points.push([flat[i] as number, flat[i + 1] as number]);
  return { kind: 'polygon', points };
}

/** COCO ground truth (an instances file) and COCO results (a list of detections) → the 12 COCO numbers. */
export async function evalDetection(gtFile: string, predFile: string, iouType: IouType): Promise<Record<string, unknown>> {
  const gt = (await readJson(gtFile, '--gt')) as { annotations?: CocoAnnotation[]; images?: { id: number | string }[]; categories?: { id: number | string }[] };
  if (!gt || typeof gt !== 'object' || !Array.isArray(gt.annotations)) throw new CliError('--gt must be a COCO instances file with "annotations"', 2);
  const pred = await readJson(predFile, '--pred');
  const detections = Array.isArray(pred) ? (pred as CocoAnnotation[]) : (pred as { annotations?: CocoAnnotation[] })?.annotations;
  if (!Array.isArray(detections)) throw new CliError('--pred must be a COCO results list [{image_id, category_id, bbox|segmentation, score}]', 2);
  const truths: GroundTruthRegion[] = gt.annotations.map((a, i) => ({ imageId: a.image_id, category: a.category_id, shape: shapeOf(a, iouType, `--gt annotations[${i}]`), ...(a.area !== undefined ? { area: a.area } : {}), crowd: a.iscrowd === 1 }));
  const detected: DetectedRegion[] = detections.map((d, i) => {
    if (typeof d.score !== 'number' || !Number.isFinite(d.score)) throw new CliError(`--pred [${i}].score must be a number`, 2);
    return { imageId: d.image_id, category: d.category_id, shape: shapeOf(d, iouType, `--pred [${i}]`), score: d.score, ...(d.area !== undefined && iouType === 'segm' ? { area: d.area } : {}) };
  });
  const result = cocoEvaluate(truths, detected, {
    ...(Array.isArray(gt.categories) ? { categories: gt.categories.map((c) => c.id) } : {}),
    ...(Array.isArray(gt.images) ? { imageIds: gt.images.map((img) => img.id) } : {}),
  });
  return { ...result.summary, perCategory: result.perCategory };
}

/** A CSV with y_true and y_pred columns → accuracy, macro/micro/weighted, per class, confusion. */
export async function evalClassification(file: string): Promise<Record<string, unknown>> {
  let rows: Record<string, string>[];
  try {
    rows = parse(await readFile(file), { columns: true, bom: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  } catch (err) {
    throw new CliError(`${file}: ${(err as Error).message}`, 2);
  }
  if (rows.length === 0) throw new CliError(`${file}: no rows`, 2);
  if (!('y_true' in rows[0]!) || !('y_pred' in rows[0]!)) throw new CliError(`${file}: the header needs the columns y_true and y_pred`, 2);
  const report = classificationReport(rows.map((r) => r.y_true ?? ''), rows.map((r) => r.y_pred ?? ''));
  return { accuracy: report.accuracy, macro: report.macro, micro: report.micro, weighted: report.weighted, perClass: report.perClass, labels: report.labels, confusion: report.confusion };
}

/** Adds `eval detection` and `eval classification`; each prints one line of JSON. */
export function registerEvalCommands(program: Command, io: CliIo): void {
  const evaluate = program.command('eval').description('evaluate model predictions from files');
  evaluate
    .command('detection')
    .description('COCO evaluation: prints the 12 COCO numbers (AP, AP50, AP75, APs, APm, APl, AR1, AR10, AR100, ARs, ARm, ARl) and perCategory')
    .requiredOption('--gt <file>', 'COCO instances file (ground truth)')
    .requiredOption('--pred <file>', 'COCO results file (detections with score)')
    .option('--iou-type <type>', 'bbox or segm (polygons)', 'bbox')
    .action(async (flags: { gt: string; pred: string; iouType: string }) => {
      if (flags.iouType !== 'bbox' && flags.iouType !== 'segm') throw new CliError('--iou-type must be bbox or segm', 2);
      io.out(`${JSON.stringify(await evalDetection(flags.gt, flags.pred, flags.iouType))}\n`);
    });
  evaluate
    .command('classification')
    .description('a CSV with a header holding y_true and y_pred (other columns ignored): prints accuracy, macro, micro, weighted, perClass, labels and confusion')
    .argument('<file>', 'CSV file')
    .action(async (file: string) => {
      io.out(`${JSON.stringify(await evalClassification(file))}\n`);
    });
}
