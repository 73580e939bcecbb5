// Dataset formats in and out, with no I/O: readers take text (whole, or as chunks from a stream)
// and yield tasks; writers take tasks and yield text. Every problem with the input is a
// FormatError that names the format and the line or path.
export { FormatError, type FormatErrorLocation, type FormatName } from './format-error.js';
export type { ReadOptions, TaskRecord, WritableTask, WriteOptions } from './task-record.js';
export { joinChunks, MAX_LINE_CHARS, type RecordSource, type TextSource } from './text-source.js';
export { readCoco, MAX_COCO_CHARS, type CocoReadOptions } from './coco-reader.js';
export { CocoBuilder, writeCoco, type CocoWriteOptions } from './coco-writer.js';
export {
  decodeRle, encodeRle, MAX_MASK_PIXELS, rleArea, rleBoundingBox, rleCounts, rleCountsFromString, rleCountsToString, type CocoRle,
} from './coco-rle.js';
export { readYoloLabels, readYoloTask, YOLO_SLOP, type YoloReadOptions } from './yolo-reader.js';
export { writeYoloClasses, writeYoloDataYaml, writeYoloLabels, type YoloDataYamlOptions, type YoloWriteOptions } from './yolo-writer.js';
export { readYoloClasses, readYoloDataYaml } from './yolo-names.js';
export { readVoc, VOC_LIMITS, type VocReadOptions } from './voc-reader.js';
export { writeVoc, type VocWriteOptions } from './voc-writer.js';
export { escapeXml, type XmlLimits } from './xml-tree.js';
export { spansFromTags, tagsFromSpans, type TagDecodeOptions, type TagScheme, type TokenSpan } from './bio-tags.js';
export { readConll, type ConllReadOptions } from './conll-reader.js';
export { writeConll, type ConllWriteOptions } from './conll-writer.js';
export type { JsonTask } from './json-tasks.js';
export { readJsonLines, writeJsonLines, type JsonLinesReadOptions } from './json-lines.js';
export { readJsonArray, writeJsonArray, type JsonArrayReadOptions } from './json-array.js';
