import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CliError } from '../src/cli-error.js';
import { registerEvalCommands } from '../src/commands/eval.js';
import type { CliIo } from '../src/io.js';

let dir: string;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'laoshi-eval-'));
  // scikit-learn's classification_report example: y_true [0,1,2,2,2], y_pred [0,0,2,2,1].
  await writeFile(file('cls.csv'), '\uFEFFid,y_true,y_pred,note\n1,0,0,a\n2,1,0,b\n3,2,2,c\n4,2,2,d\n5,2,1,e\n');
  await writeFile(file('nocols.csv'), 'truth,guess\na,a\n');
  const gt = {
    images: [{ id: 1 }, { id: 2 }],
    categories: [{ id: 7, name: 'car' }],
    annotations: [
      { id: 1, image_id: 1, category_id: 7, bbox: [10, 10, 10, 10], area: 100, iscrowd: 0 },
      { id: 2, image_id: 2, category_id: 7, bbox: [50, 50, 10, 10], area: 100, iscrowd: 0 },
    ],
  };
  await writeFile(file('gt.json'), JSON.stringify(gt));
  // Image 1 found exactly (score .9), a false positive below it (.3); image 2's car is missed.
  await writeFile(file('pred.json'), JSON.stringify([
    { image_id: 1, category_id: 7, bbox: [10, 10, 10, 10], score: 0.9 },
    { image_id: 1, category_id: 7, bbox: [200, 200, 10, 10], score: 0.3 },
  ]));
  await writeFile(file('bad-pred.json'), JSON.stringify([{ image_id: 1, category_id: 7, bbox: [10, 10, 10, 10] }]));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(...args: string[]): Promise<Record<string, unknown>> {
  const out: string[] = [];
  const io: CliIo = { out: (text) => void out.push(text), err: () => undefined };
  const program = new Command().exitOverride();
  registerEvalCommands(program, io);
  await program.parseAsync(['node', 'laoshi', 'eval', ...args]);
  expect(out).toHaveLength(1);
  return JSON.parse(out[0]!) as Record<string, unknown>;
}

describe('laoshi eval classification', () => {
  it("prints scikit-learn's documented classification_report numbers", async () => {
    const r = (await run('classification', file('cls.csv'))) as { accuracy: number; macro: Record<string, number>; weighted: Record<string, number>; perClass: Record<string, Record<string, number>>; labels: string[]; confusion: number[][] };
    expect(Object.keys(r)).toEqual(['accuracy', 'macro', 'micro', 'weighted', 'perClass', 'labels', 'confusion']);
    expect(r.accuracy).toBeCloseTo(0.6, 12);
    expect(r.labels).toEqual(['0', '1', '2']);
    expect(r.perClass['0']).toMatchObject({ precision: 0.5, recall: 1 });
    expect(r.perClass['2']!.f1).toBeCloseTo(0.8, 12);
    expect(r.macro.recall).toBeCloseTo(5 / 9, 12);
    expect(r.macro.f1).toBeCloseTo((2 / 3 + 0 + 0.8) / 3, 12);
    expect(r.weighted.precision).toBeCloseTo(0.7, 12);
    expect(r.weighted.f1).toBeCloseTo((2 / 3 + 3 * 0.8) / 5, 12);
    expect(r.confusion).toEqual([[1, 0, 0], [1, 0, 0], [0, 1, 2]]);
  });

  it('names the missing columns', async () => {
    await expect(run('classification', file('nocols.csv'))).rejects.toThrow(/y_true and y_pred/);
  });
});

describe('laoshi eval detection', () => {
  it('prints exactly the 12 COCO numbers, worked out by hand, plus perCategory', async () => {
    const r = await run('detection', '--gt', file('gt.json'), '--pred', file('pred.json'));
    expect(Object.keys(r)).toEqual(['AP', 'AP50', 'AP75', 'APs', 'APm', 'APl', 'AR1', 'AR10', 'AR100', 'ARs', 'ARm', 'ARl', 'perCategory']);
    // One of two cars found first: precision 1 up to recall .5, then nothing → 51 of the 101 recall points.
    expect(r.AP).toBeCloseTo(51 / 101, 12);
    expect(r.AP50).toBeCloseTo(51 / 101, 12);
    expect(r.APs).toBeCloseTo(51 / 101, 12);
    expect(r.APm).toBe(-1); // no ground truth of medium size
    expect(r.APl).toBe(-1);
    expect(r.AR1).toBeCloseTo(0.5, 12);
    expect(r.AR100).toBeCloseTo(0.5, 12);
    expect((r.perCategory as Record<string, { AP: number }>)['7']!.AP).toBeCloseTo(51 / 101, 12);
  });

  it('refuses a detection without a score and a bad --iou-type with a clear message', async () => {
    const err = await run('detection', '--gt', file('gt.json'), '--pred', file('bad-pred.json')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CliError);
    expect((err as Error).message).toMatch(/\[0\]\.score must be a number/);
    await expect(run('detection', '--gt', file('gt.json'), '--pred', file('pred.json'), '--iou-type', 'mask')).rejects.toThrow(/bbox or segm/);
    await expect(run('detection', '--gt', file('missing.json'), '--pred', file('pred.json'))).rejects.toThrow(/cannot read/);
  });
});
