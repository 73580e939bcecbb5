import { describe, expect, it } from 'vitest';
import {
  readYoloClasses, readYoloDataYaml, readYoloLabels, readYoloTask, writeYoloClasses, writeYoloDataYaml, writeYoloLabels,
} from '../../src/formats/index.js';
import { expectFormatError } from './helpers.js';

const names = ['cat', 'dog', 'road'];

describe('YOLO label reader', () => {
  it('reads normalised boxes from a CRLF file with blank lines', () => {
    const text = '0 0.5 0.5 0.25 0.5\r\n\r\n1 0.1 0.2 0.2 0.4\r\n   \r\n';
    const [cat, dog] = readYoloLabels(text, { names });
    // cx 0.5, w 0.25 → left 0.5 − 0.125 = 0.375 = 37.5 %, width 25 %; cy 0.5, h 0.5 → top 25 %, height 50 %
    expect(cat).toEqual({
      id: 'yolo-1', from_name: 'label', to_name: 'image', type: 'rectanglelabels',
      value: { x: 37.5, y: 25, width: 25, height: 50, rotation: 0, rectanglelabels: ['cat'] },
    });
    // cx 0.1, w 0.2 → left 0, width 20 %; cy 0.2, h 0.4 → top 0, height 40 % (line 3: the blank line counts)
    expect(dog).toMatchObject({ id: 'yolo-3', value: { x: 0, y: 0, width: 20, height: 40, rectanglelabels: ['dog'] } });
  });

  it('reads the segmentation variant as polygons and a sixth column as a score', () => {
    const [road, cat] = readYoloLabels('2 0 0 0.5 0 0.5 0.25\n0 0.5 0.5 0.2 0.2 0.87\n', { names });
    // (0.5, 0.25) → (50 %, 25 %)
    expect(road).toMatchObject({ type: 'polygonlabels', value: { points: [[0, 0], [50, 0], [50, 25]], polygonlabels: ['road'] } });
    expect(cat).toMatchObject({ type: 'rectanglelabels', score: 0.87 });
  });

  it('uses class numbers as labels without names, and sets the image size when given', () => {
    const [region] = readYoloLabels('7 0.5 0.5 1 1', { imageSize: { width: 640, height: 480 } });
    expect(region).toMatchObject({ original_width: 640, original_height: 480, value: { x: 0, y: 0, width: 100, height: 100, rectanglelabels: ['7'] } });
  });

  it('builds a task, without annotations for an empty (background) file unless asked', () => {
    expect(readYoloTask('img/a.jpg', '0 0.5 0.5 0.2 0.2', { names })).toMatchObject({ data: { image: 'img/a.jpg' }, annotations: [{ result: [{ type: 'rectanglelabels' }] }] });
    expect(readYoloTask('img/b.jpg', '\r\n', { names })).toEqual({ data: { image: 'img/b.jpg' } });
    expect(readYoloTask('img/b.jpg', '', { names, keepEmpty: true })).toEqual({ data: { image: 'img/b.jpg' }, annotations: [{ result: [] }] });
  });

  it('names the line of what is wrong', async () => {
    await expectFormatError(() => readYoloLabels('0 0.5 0.5 0.2 0.2\n0 320 240 64 48\n', { names }), 'yolo', /line 2: column 2 is 320, outside \[0, 1\]/);
    await expectFormatError(() => readYoloLabels('5 0.5 0.5 0.2 0.2', { names }), 'yolo', /line 1: class 5 has no name: there are 3 classes/);
    await expectFormatError(() => readYoloLabels('0 0.5 0.5'), 'yolo', /got 3 columns/);
    await expectFormatError(() => readYoloLabels('0 0.5 0.5 0.2 0.2 0.1 0.1 0.3'), 'yolo', /got 8 columns/);
    await expectFormatError(() => readYoloLabels('1.5 0.5 0.5 0.2 0.2'), 'yolo', /class 1.5 is not a class id/);
    await expectFormatError(() => readYoloLabels('0 0x1 0.5 0.2 0.2'), 'yolo', /column 2 is "0x1", not a number/);
    await expectFormatError(() => readYoloLabels('0 0.5 0.5 -0.005 0.2'), 'yolo', /negative size/);
  });
});

describe('YOLO class names', () => {
  it('reads classes.txt, CRLF and trailing blank lines included', async () => {
    expect(readYoloClasses('\ufeffcat\r\ntraffic light\r\n\r\n')).toEqual(['cat', 'traffic light']);
    await expectFormatError(() => readYoloClasses('cat\n\ndog\n'), 'yolo', /line 2: blank line among the class names/);
  });

  it('reads names from data.yaml as a block list, a block map, a flow list or a flow map', () => {
    expect(readYoloDataYaml('path: ../data\ntrain: images/train\nnames:\n  - cat\n  - "traffic light"  # quoted\n  - \'it\'\'s\'\nnc: 3\n')).toEqual(['cat', 'traffic light', "it's"]);
    expect(readYoloDataYaml('names:\n  1: dog\n  0: cat # comment\nval: x\n')).toEqual(['cat', 'dog']);
    expect(readYoloDataYaml("nc: 2\nnames: ['cat', dog]  # v5 style\n")).toEqual(['cat', 'dog']);
    expect(readYoloDataYaml('names: [cat,\n  "a, b",\n  dog]\n')).toEqual(['cat', 'a, b', 'dog']);
    expect(readYoloDataYaml('names: {0: cat, 1: "dog #1"}\r\n')).toEqual(['cat', 'dog #1']);
    expect(readYoloDataYaml('names: []\n')).toEqual([]);
  });

  it('refuses data.yaml shapes it does not read', async () => {
    await expectFormatError(() => readYoloDataYaml('nc: 2\n'), 'yolo', /no top-level "names:" key/);
    await expectFormatError(() => readYoloDataYaml('names: cat\n'), 'yolo', /line 1: names must be a list or a map/);
    await expectFormatError(() => readYoloDataYaml('names:\n  0: cat\n  2: dog\n'), 'yolo', /line 3: class ids must be 0 … 1/);
    await expectFormatError(() => readYoloDataYaml('names:\n  - cat\n  1: dog\n'), 'yolo', /mixes/);
    await expectFormatError(() => readYoloDataYaml('names: [cat, dog\n'), 'yolo', /never closed/);
    await expectFormatError(() => readYoloDataYaml('names:\n  - "cat\n'), 'yolo', /line 2: unterminated/);
  });
});

const task = (result: unknown[], meta?: Record<string, unknown>) => ({ data: { image: 'a.jpg' }, meta, annotations: [{ result }] });
const rect = (label: string, x: number, y: number, width: number, height: number, rotation = 0) => ({
  id: label, from_name: 'label', to_name: 'image', type: 'rectanglelabels', value: { x, y, width, height, rotation, rectanglelabels: [label] },
});

describe('YOLO writer', () => {
  it('writes centre and size normalised, and polygons as the segmentation variant', () => {
    const polygon = { id: 'p', from_name: 'label', to_name: 'image', type: 'polygonlabels', value: { points: [[0, 0], [50, 0], [50, 25]], polygonlabels: ['road'] } };
    // x 37.5 %, width 25 % → cx (37.5 + 12.5) / 100 = 0.5, w 0.25; y 25 %, height 50 % → cy 0.5, h 0.5
    expect(writeYoloLabels(task([rect('dog', 37.5, 25, 25, 50), polygon]), { labels: names })).toBe('1 0.5 0.5 0.25 0.5\n2 0 0 0.5 0 0.5 0.25\n');
    expect(writeYoloLabels(task([]), { labels: names })).toBe('');
  });

  it('writes a rotated box as its bounds, which needs the image size', async () => {
    // 90° clockwise about (10 %, 10 %) of 100×100: the 20-wide top edge points down, the 10-high
    // left edge points left → bounds x 0…10, y 10…30 → cx 0.05, cy 0.2, w 0.1, h 0.2
    const rotated = rect('cat', 10, 10, 20, 10, 90);
    expect(writeYoloLabels(task([rotated], { original_width: 100, original_height: 100 }), { labels: names })).toBe('0 0.05 0.2 0.1 0.2\n');
    await expectFormatError(() => writeYoloLabels(task([rotated]), { labels: names }), 'yolo', /rotated box needs the image size/);
  });

  it('refuses labels that are not classes', async () => {
    await expectFormatError(() => writeYoloLabels(task([rect('bird', 0, 0, 1, 1)]), { labels: names }, 4), 'yolo', /tasks\[4\]\.annotations\[0\]\.result\[0\]: label "bird"/);
  });

  it('writes classes.txt and a data.yaml that read back', () => {
    const tricky = ['cat', "it's", 'a: b', '#1', ' spaced '];
    expect(writeYoloClasses(names)).toBe('cat\ndog\nroad\n');
    expect(readYoloClasses(writeYoloClasses(names))).toEqual(names);
    const yaml = writeYoloDataYaml(tricky, { path: 'data', train: 'images/train', val: 'images/val' });
    expect(yaml).toBe("path: 'data'\ntrain: 'images/train'\nval: 'images/val'\nnc: 5\nnames:\n  0: 'cat'\n  1: 'it''s'\n  2: 'a: b'\n  3: '#1'\n  4: ' spaced '\n");
    expect(readYoloDataYaml(yaml)).toEqual(tricky);
    expect(readYoloDataYaml(writeYoloDataYaml([]))).toEqual([]);
  });

  it('round-trips boxes and polygons', () => {
    const text = '0 0.5 0.5 0.25 0.5\n2 0.1 0.1 0.9 0.1 0.5 0.8\n1 0.123457 0.654321 0.1 0.2\n';
    const result = readYoloLabels(text, { names });
    expect(writeYoloLabels({ data: { image: 'a.jpg' }, annotations: [{ result }] }, { labels: names })).toBe(text);
  });
});
