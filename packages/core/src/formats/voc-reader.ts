import { FormatError } from './format-error.js';
import { rectangleRegion, toPercent, type RegionBase } from './image-regions.js';
import { makeTask, type ReadOptions, type TaskRecord } from './task-record.js';
import { stripBom } from './text-source.js';
import { readXmlTree, type XmlLimits, type XmlNode } from './xml-tree.js';

/** Limits on one VOC annotation file (real ones are a few kilobytes, five levels deep). */
export const VOC_LIMITS: XmlLimits = { maxChars: 10_000_000, maxDepth: 16, maxElements: 200_000 };

export interface VocReadOptions extends ReadOptions {
  /** The image path to store in `data`; default the file's `<filename>`. */
  image?: string;
}

/**
 * Reads one Pascal VOC annotation file into a task with a rectangle per `<object>`.
 *
 * Coordinates: VOC numbers pixels from 1 and its boxes include both end pixels, so
 * `<xmin>1</xmin><xmax>10</xmax>` covers the first ten pixels. In Laoshi's continuous coordinates
 * (0 at the image's left edge) that box runs from xmin − 1 to xmax: x = (xmin − 1) / width and
 * w = (xmax − xmin + 1) / width, in percent. `writeVoc` applies the inverse.
 * `<difficult>`, `<truncated>`, `<occluded>` (as numbers) and `<pose>` are kept on the region's
 * `meta`. DOCTYPE/ENTITY declarations are refused. Throws FormatError naming the line.
 */
export function readVoc(xml: string, options: VocReadOptions = {}): TaskRecord {
  const root = readXmlTree(stripBom(xml), 'voc', VOC_LIMITS);
  if (root.name !== 'annotation') throw new FormatError('voc', `the root element is <${root.name}>, expected <annotation>`, { line: root.line });
  const sizeNode = only(root, 'size', 'annotation') ?? fail('<annotation> has no <size>', root.line);
  const size = { width: number(sizeNode, 'width', 'annotation.size'), height: number(sizeNode, 'height', 'annotation.size') };
  if (!(size.width > 0 && size.height > 0)) fail(`the image size must be positive, got ${size.width}×${size.height}`, sizeNode.line);
  const image = options.image ?? textOf(only(root, 'filename', 'annotation') ?? fail('<annotation> has no <filename>; pass options.image', root.line));

  const result = root.children.filter((node) => node.name === 'object').map((object, k) => {
    const path = `annotation.object[${k}]`;
    const label = textOf(only(object, 'name', path) ?? fail(`<object> has no <name>`, object.line));
    const box = only(object, 'bndbox', path) ?? fail('<object> has no <bndbox>', object.line);
    const [xmin, ymin, xmax, ymax] = (['xmin', 'ymin', 'xmax', 'ymax'] as const).map((key) => number(box, key, `${path}.bndbox`)) as [number, number, number, number];
    if (xmax < xmin - 1 || ymax < ymin - 1) fail(`<bndbox> ends before it starts (${xmin}, ${ymin} … ${xmax}, ${ymax})`, box.line);
    const meta: Record<string, unknown> = {};
    for (const key of ['difficult', 'truncated', 'occluded', 'pose'] as const) {
      const node = only(object, key, path);
      if (node === undefined) continue;
      const text = textOf(node);
      meta[key] = key !== 'pose' && /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
    }
    const base: RegionBase = { fromName: options.fromName ?? 'label', toName: options.toName ?? 'image', size, meta };
    const edges: [number, number, number, number] = [toPercent(xmin - 1, size.width), toPercent(ymin - 1, size.height), toPercent(xmax, size.width), toPercent(ymax, size.height)];
    return rectangleRegion(`voc-${k + 1}`, label, edges, base);
  });
  return makeTask({ [options.dataKey ?? 'image']: image }, result, options, { original_width: size.width, original_height: size.height });
}

function fail(reason: string, line: number): never {
  throw new FormatError('voc', reason, { line });
}

/** The one child called `name`, undefined when there is none; two of them are an error. */
function only(node: XmlNode, name: string, path: string): XmlNode | undefined {
  const found = node.children.filter((child) => child.name === name);
  if (found.length > 1) throw new FormatError('voc', `<${name}> appears ${found.length} times`, { line: found[1]?.line, path: `${path}.${name}` });
  return found[0];
}

function textOf(node: XmlNode): string {
  const text = node.text.trim();
  if (text === '') fail(`<${node.name}> is empty`, node.line);
  return text;
}

function number(parent: XmlNode, name: string, path: string): number {
  const node = only(parent, name, path) ?? fail(`<${parent.name}> has no <${name}>`, parent.line);
  const text = textOf(node);
  const value = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
  if (!Number.isFinite(value)) throw new FormatError('voc', `<${name}> is "${text.slice(0, 20)}", not a number`, { line: node.line, path: `${path}.${name}` });
  return value;
}
