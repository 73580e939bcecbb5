import { Type, type Static } from 'typebox';
import { TaskFilterQuery } from '../tasks/task-filter.js';

const onlyAccepted = Type.Optional(Type.Boolean({ description: 'only annotations a reviewer accepted; tasks without one are left out' }));

export const VideoExportQuery = Type.Object({
  format: Type.Union([Type.Literal('coco'), Type.Literal('mot'), Type.Literal('label-studio'), Type.Literal('yolo')], {
    description: 'coco (a JSON image per frame, boxes and polygons interpolated), mot (zip: gt/gt.txt + gt/labels.txt as CVAT "MOT 1.1"), label-studio (JSON tasks, tracks as keyframes only), yolo (zip: a label file per frame)',
  }),
  onlyAccepted,
  ...TaskFilterQuery.properties,
});
export type VideoExportInput = Static<typeof VideoExportQuery>;

export const AudioExportQuery = Type.Object({
  format: Type.Union([Type.Literal('jsonl'), Type.Literal('asr-manifest')], {
    description: 'jsonl (a line per segment: times, labels, transcription, per-segment choices), asr-manifest (NeMo-style JSON lines: audio_filepath, offset, duration, text, for transcribed segments)',
  }),
  onlyAccepted,
  ...TaskFilterQuery.properties,
});
export type AudioExportInput = Static<typeof AudioExportQuery>;
