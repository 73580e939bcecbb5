import * as z from 'zod';
import { checkLabelConfigRules } from './label-config-rules.js';

// Laoshi's typed JSON label config. Option keys are spelled like the Label Studio XML attributes
// they come from (`toName`, `maxRating`, `perRegion`…), so the XML converter maps them 1:1.

/** Kinds of data a task shows; `list` exists only for the Ranker control (Label Studio's <List>). */
export const OBJECT_TYPES = ['image', 'text', 'hypertext', 'video', 'audio', 'list'] as const;
export type ObjectType = (typeof OBJECT_TYPES)[number];

/** Kinds of controls an annotator uses to produce results. */
export const CONTROL_TYPES = [
  'rectanglelabels', 'polygonlabels', 'keypointlabels', 'labels', 'choices', 'textarea',
  'rating', 'number', 'pairwise', 'ranker', 'relations', 'videorectangle', 'videopolygon',
] as const;
export type ControlType = (typeof CONTROL_TYPES)[number];

// Names end up in result items (`from_name`, `to_name`) and in comma-separated XML `toName` lists.
const NAME_RE = /^[\p{L}\p{N}_][\p{L}\p{N}_.:-]*$/u;
// Hex, a functional rgb()/hsl() colour or a named colour: nothing that could smuggle other CSS.
const CSS_COLOR_RE = /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,30}|(rgb|rgba|hsl|hsla)\([0-9.,%\s/deg]{1,60}\))$/;
const CSS_SIZE_RE = /^\d{1,5}(\.\d{1,3})?(px|%|em|rem|vw|vh)?$/;

const name = z.string().min(1).max(100).regex(NAME_RE, 'must start with a letter, digit or "_" and hold only letters, digits, "_", "-", "." or ":"');
const dataKey = z.string().max(200).regex(/^\$[^\s$,<>"'{}]+$/, 'must name a task data key starting with "$", e.g. "$image"');
const cssColor = z.string().max(80).regex(CSS_COLOR_RE, 'must be a CSS color such as "#ff0000", "rgb(255, 0, 0)" or "red"');
const cssSize = z.string().max(20).regex(CSS_SIZE_RE, 'must be a CSS size such as "750px" or "100%"');
const hotkey = z.string().min(1).max(32).regex(/^\S+$/, 'must be a key or key combination without spaces, e.g. "1" or "ctrl+b"');
const shortText = z.string().max(1000);
const itemValue = z.string().min(1).max(500);

/** One label of a labels-type control, or one relation label. */
export const labelSchema = z.strictObject({
  value: itemValue,
  hotkey: hotkey.optional(),
  background: cssColor.optional(),
  alias: z.string().min(1).max(100).optional(),
  selected: z.boolean().optional(),
  hint: shortText.optional(),
  maxUsages: z.int().min(1).max(1_000_000).optional(),
  granularity: z.enum(['symbol', 'word']).optional(),
});

/** One option of a choices control. */
export const choiceSchema = z.strictObject({
  value: itemValue,
  hotkey: hotkey.optional(),
  alias: z.string().min(1).max(100).optional(),
  selected: z.boolean().optional(),
  hint: shortText.optional(),
});

/** One bucket of a ranker control. */
export const bucketSchema = z.strictObject({
  name,
  title: shortText.optional(),
  default: z.boolean().optional(),
});

const object = { name, value: dataKey };
const textOptions = {
  valueType: z.enum(['text', 'url']).optional(),
  saveTextResult: z.boolean().optional(),
  selectionEnabled: z.boolean().optional(),
  highlightColor: cssColor.optional(),
  showLabels: z.boolean().optional(),
  encoding: z.enum(['none', 'base64', 'base64unicode']).optional(),
};

/** An object: the task data a control labels. */
export const labelObjectSchema = z.discriminatedUnion('type', [
  z.strictObject({
    ...object, type: z.literal('image'),
    zoom: z.boolean().optional(), zoomControl: z.boolean().optional(), rotateControl: z.boolean().optional(),
    brightnessControl: z.boolean().optional(), contrastControl: z.boolean().optional(),
    crosshair: z.boolean().optional(), width: cssSize.optional(), maxWidth: cssSize.optional(),
  }),
  z.strictObject({ ...object, type: z.literal('text'), ...textOptions, granularity: z.enum(['symbol', 'word']).optional() }),
  z.strictObject({
    ...object, type: z.literal('hypertext'), ...textOptions,
    granularity: z.enum(['symbol', 'word', 'sentence', 'paragraph']).optional(),
    inline: z.boolean().optional(), clickableLinks: z.boolean().optional(),
  }),
  z.strictObject({
    ...object, type: z.literal('video'),
    frameRate: z.number().gt(0).max(1000).optional(), muted: z.boolean().optional(),
    height: z.int().min(1).max(10_000).optional(), sync: name.optional(),
  }),
  z.strictObject({ ...object, type: z.literal('audio'), hotkey: hotkey.optional(), sync: name.optional() }),
  z.strictObject({ ...object, type: z.literal('list'), title: shortText.optional() }),
], { error: (iss) => (iss.code === 'invalid_union' ? `type must be one of ${OBJECT_TYPES.join(', ')}` : undefined) });

const control = { name, toName: z.array(name).min(1, 'must name at least one object').max(20) };
const classification = { required: z.boolean().optional(), perRegion: z.boolean().optional() };
const regionLabels = {
  ...control,
  labels: z.array(labelSchema).min(1, 'needs at least one label').max(5000),
  choice: z.enum(['single', 'multiple']).optional(),
  maxUsages: z.int().min(1).max(1_000_000).optional(),
  showInline: z.boolean().optional(),
  opacity: z.number().min(0).max(1).optional(),
  fillColor: cssColor.optional(),
  strokeColor: cssColor.optional(),
  strokeWidth: z.number().min(0).max(100).optional(),
};

/** A control: what the annotator produces (regions, classifications, text, ratings…). */
export const labelControlSchema = z.discriminatedUnion('type', [
  z.strictObject({ ...regionLabels, type: z.literal('rectanglelabels'), canRotate: z.boolean().optional() }),
  z.strictObject({
    ...regionLabels, type: z.literal('polygonlabels'),
    pointSize: z.enum(['small', 'medium', 'large']).optional(), pointStyle: z.enum(['rectangle', 'circle']).optional(),
  }),
  z.strictObject({ ...regionLabels, type: z.literal('keypointlabels') }),
  z.strictObject({ ...regionLabels, type: z.literal('labels') }),
  z.strictObject({
    ...control, ...classification, type: z.literal('choices'),
    choices: z.array(choiceSchema).min(1, 'needs at least one choice').max(5000),
    choice: z.enum(['single', 'multiple']).optional(), showInline: z.boolean().optional(),
  }),
  z.strictObject({
    ...control, ...classification, type: z.literal('textarea'),
    placeholder: shortText.optional(), rows: z.int().min(1).max(100).optional(),
    maxSubmissions: z.int().min(1).max(10_000).optional(), editable: z.boolean().optional(), hotkey: hotkey.optional(),
  }),
  z.strictObject({
    ...control, ...classification, type: z.literal('rating'),
    maxRating: z.int().min(1).max(100).optional(), defaultValue: z.int().min(0).max(100).optional(), hotkey: hotkey.optional(),
  }),
  z.strictObject({
    ...control, ...classification, type: z.literal('number'),
    min: z.number().optional(), max: z.number().optional(), step: z.number().gt(0).optional(),
    defaultValue: z.number().optional(), slider: z.boolean().optional(), hotkey: hotkey.optional(),
  }),
  z.strictObject({ ...control, type: z.literal('pairwise') }),
  z.strictObject({ ...control, type: z.literal('ranker'), buckets: z.array(bucketSchema).min(1).max(100).optional() }),
  z.strictObject({
    name, type: z.literal('relations'),
    // Label Studio's <Relations> names no object: relations link regions of any object.
    toName: z.array(name).max(20).default([]),
    labels: z.array(labelSchema).min(1, 'needs at least one relation label').max(1000),
    choice: z.enum(['single', 'multiple']).optional(),
  }),
  z.strictObject({
    ...control, type: z.literal('videorectangle'),
    opacity: z.number().min(0).max(1).optional(), strokeWidth: z.number().min(0).max(100).optional(),
  }),
  // Laoshi's polygon and polyline tracks (lane lines, road areas); results are `videopolygon` items
  // shaped like `videorectangle` ones (see core/tracks/label-studio-polygon-tracks.ts).
  z.strictObject({
    ...control, type: z.literal('videopolygon'),
    opacity: z.number().min(0).max(1).optional(), strokeWidth: z.number().min(0).max(100).optional(),
  }),
], { error: (iss) => (iss.code === 'invalid_union' ? `type must be one of ${CONTROL_TYPES.join(', ')}` : undefined) });

/** The whole label config: zod schema with the cross-field rules of `label-config-rules.ts`. */
export const labelConfigSchema = z
  .strictObject({
    objects: z.array(labelObjectSchema).min(1, 'a label config needs at least one object (image, text, ...)').max(100),
    controls: z.array(labelControlSchema).min(1, 'a label config needs at least one control (choices, labels, ...)').max(500),
  })
  .superRefine((config, ctx) => {
    for (const issue of checkLabelConfigRules(config)) ctx.addIssue({ code: 'custom', ...issue });
  });

export type LabelConfig = z.output<typeof labelConfigSchema>;
/** The config as written by hand: optional defaults (e.g. a relations control's `toName`) may be left out. */
export type LabelConfigInput = z.input<typeof labelConfigSchema>;
export type LabelObject = z.output<typeof labelObjectSchema>;
export type LabelControl = z.output<typeof labelControlSchema>;
export type LabelItem = z.output<typeof labelSchema>;
export type ChoiceItem = z.output<typeof choiceSchema>;
export type BucketItem = z.output<typeof bucketSchema>;
