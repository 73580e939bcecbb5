import type { ControlType, ObjectType } from './label-config-schema.js';

/**
 * How an XML attribute maps onto the JSON config (always under the same key):
 * `string`/`name` copy, `names` splits a comma list, `boolean` takes "true"/"false", `yesno` takes
 * "yes"/"no", `number`/`integer` parse; `ignored` is documented by Label Studio but only changes
 * its look, so it is dropped; `unsupported` changes the data model in ways Laoshi does not follow.
 */
export type AttributeKind = 'string' | 'name' | 'names' | 'boolean' | 'yesno' | 'number' | 'integer' | 'ignored' | 'unsupported';

export interface TagSpec {
  /** layout tags are dropped; objects and controls become config entries; items fill a control's list. */
  role: 'layout' | 'object' | 'control' | 'item';
  type?: ObjectType | ControlType;
  attributes: Readonly<Record<string, AttributeKind>>;
  required?: readonly string[];
  /** For items: the controls they may sit in, and the control's list they join. */
  parents?: readonly string[];
  list?: 'labels' | 'choices' | 'buckets';
  /** Whether the tag may hold text (CSS in <Style>, a title in <Header>). */
  text?: boolean;
  /** Other spellings found in Label Studio's own templates (e.g. `framerate`), mapped to the documented one. */
  aliases?: Readonly<Record<string, string>>;
}

const ignored = (...names: string[]): Record<string, AttributeKind> => Object.fromEntries(names.map((n) => [n, 'ignored' as const]));
const conditional = ignored('visibleWhen', 'whenTagName', 'whenLabelValue', 'whenChoiceValue');
const object = { name: 'name', value: 'string' } as const;
const control = { name: 'name', toName: 'names' } as const;
const classification = { required: 'boolean', perRegion: 'boolean', perItem: 'unsupported', requiredMessage: 'ignored', ...conditional } as const;
const textObject = {
  ...object, valueType: 'string', saveTextResult: 'yesno', selectionEnabled: 'boolean', highlightColor: 'string',
  showLabels: 'boolean', encoding: 'string', granularity: 'string',
} as const;
const regionLabels = {
  ...control, choice: 'string', maxUsages: 'integer', showInline: 'boolean', opacity: 'number', fillColor: 'string',
  strokeColor: 'string', strokeWidth: 'number', value: 'unsupported', ...ignored('smart', 'smartOnly', 'allowEmpty'),
} as const;
const LABEL_PARENTS = ['Labels', 'RectangleLabels', 'PolygonLabels', 'KeyPointLabels'] as const;

/** Every Label Studio tag Laoshi accepts, with its attributes (case-sensitive, as Label Studio spells them). */
export const XML_TAGS: Readonly<Record<string, TagSpec>> = {
  View: { role: 'layout', attributes: { ...ignored('style', 'className', 'idAttr'), ...conditional } },
  Header: { role: 'layout', text: true, attributes: ignored('value', 'size', 'style', 'underline') },
  Style: { role: 'layout', text: true, attributes: {} },

  Image: {
    role: 'object', type: 'image', required: ['name', 'value'],
    attributes: {
      ...object, zoom: 'boolean', zoomControl: 'boolean', rotateControl: 'boolean', brightnessControl: 'boolean',
      contrastControl: 'boolean', crosshair: 'boolean', width: 'string', maxWidth: 'string', valueList: 'unsupported',
      ...ignored('smoothing', 'negativeZoom', 'zoomBy', 'grid', 'gridSize', 'gridColor', 'horizontalAlignment',
        'verticalAlignment', 'defaultZoom', 'crossOrigin'),
    },
  },
  Text: { role: 'object', type: 'text', required: ['name', 'value'], attributes: textObject },
  // WARNING: sanitizeHtml is dropped on purpose: the web app always sanitizes task HTML.
  HyperText: {
    role: 'object', type: 'hypertext', required: ['name', 'value'],
    attributes: { ...textObject, inline: 'boolean', clickableLinks: 'boolean', ...ignored('sanitizeHtml') },
  },
  Video: {
    role: 'object', type: 'video', required: ['name', 'value'], aliases: { framerate: 'frameRate' },
    attributes: { ...object, frameRate: 'number', muted: 'boolean', height: 'integer', sync: 'name', ...ignored('timelineHeight') },
  },
  Audio: {
    role: 'object', type: 'audio', required: ['name', 'value'],
    attributes: {
      ...object, hotkey: 'string', sync: 'name',
      ...ignored('cursorwidth', 'cursorcolor', 'defaultspeed', 'defaultscale', 'defaultzoom', 'defaultvolume', 'height',
        'waveheight', 'splitchannels', 'decoder', 'player', 'volume', 'speed', 'zoom'),
    },
  },
  List: { role: 'object', type: 'list', required: ['name', 'value'], attributes: { ...object, title: 'string' } },

  RectangleLabels: { role: 'control', type: 'rectanglelabels', required: ['name', 'toName'], attributes: { ...regionLabels, canRotate: 'boolean' } },
  PolygonLabels: {
    role: 'control', type: 'polygonlabels', required: ['name', 'toName'],
    attributes: { ...regionLabels, pointSize: 'string', pointStyle: 'string', ...ignored('snap') },
  },
  KeyPointLabels: { role: 'control', type: 'keypointlabels', required: ['name', 'toName'], attributes: { ...regionLabels, ...ignored('snap') } },
  Labels: { role: 'control', type: 'labels', required: ['name', 'toName'], attributes: regionLabels },
  Choices: {
    role: 'control', type: 'choices', required: ['name', 'toName'], aliases: { showInLine: 'showInline' },
    attributes: { ...control, ...classification, choice: 'string', showInline: 'boolean', value: 'unsupported', allowNested: 'unsupported', ...ignored('layout') },
  },
  TextArea: {
    role: 'control', type: 'textarea', required: ['name', 'toName'],
    attributes: {
      ...control, ...classification, placeholder: 'string', rows: 'integer', maxSubmissions: 'integer', editable: 'boolean',
      hotkey: 'string', ...ignored('value', 'label', 'showSubmitButton', 'transcription', 'displayMode', 'skipDuplicates'),
    },
  },
  Rating: {
    role: 'control', type: 'rating', required: ['name', 'toName'],
    attributes: { ...control, ...classification, maxRating: 'integer', defaultValue: 'integer', hotkey: 'string', ...ignored('icon', 'size') },
  },
  Number: {
    role: 'control', type: 'number', required: ['name', 'toName'],
    attributes: { ...control, ...classification, min: 'number', max: 'number', step: 'number', defaultValue: 'number', slider: 'boolean', hotkey: 'string' },
  },
  Pairwise: {
    role: 'control', type: 'pairwise', required: ['name', 'toName'],
    attributes: { ...control, ...ignored('selectionStyle', 'leftClass', 'rightClass') },
  },
  Ranker: { role: 'control', type: 'ranker', required: ['name', 'toName'], attributes: control },
  Relations: { role: 'control', type: 'relations', attributes: { ...control, choice: 'string' } },
  VideoRectangle: { role: 'control', type: 'videorectangle', required: ['name', 'toName'], attributes: { ...control, opacity: 'number', strokeWidth: 'number' } },
  // Not a Label Studio tag: Laoshi's polygon/polyline tracks on a video, written like <VideoRectangle>.
  VideoPolygon: { role: 'control', type: 'videopolygon', required: ['name', 'toName'], attributes: { ...control, opacity: 'number', strokeWidth: 'number' } },

  Label: {
    role: 'item', parents: LABEL_PARENTS, list: 'labels', required: ['value'],
    attributes: {
      value: 'string', selected: 'boolean', maxUsages: 'integer', hint: 'string', hotkey: 'string', alias: 'string',
      background: 'string', granularity: 'string', ...ignored('showAlias', 'aliasStyle', 'size', 'selectedColor', 'html', 'category'),
    },
  },
  Choice: {
    role: 'item', parents: ['Choices'], list: 'choices', required: ['value'],
    attributes: { value: 'string', selected: 'boolean', alias: 'string', hotkey: 'string', hint: 'string', ...ignored('style', 'html') },
  },
  Relation: { role: 'item', parents: ['Relations'], list: 'labels', required: ['value'], attributes: { value: 'string', background: 'string' } },
  Bucket: { role: 'item', parents: ['Ranker'], list: 'buckets', required: ['name'], attributes: { name: 'name', title: 'string', default: 'boolean' } },
};

/** Looks a tag up without falling into `Object.prototype` (a tag named `constructor` is simply unknown). */
export function tagSpec(tag: string): TagSpec | undefined {
  return Object.hasOwn(XML_TAGS, tag) ? XML_TAGS[tag] : undefined;
}

/** The documented spelling of an attribute (itself unless it is a known alias), or undefined when unknown. */
export function canonicalAttribute(spec: TagSpec, attribute: string): string | undefined {
  if (Object.hasOwn(spec.attributes, attribute)) return attribute;
  return spec.aliases && Object.hasOwn(spec.aliases, attribute) ? spec.aliases[attribute] : undefined;
}

/** Looks an attribute (or one of its aliases) up in a tag's table, without touching `Object.prototype`. */
export function attributeKind(spec: TagSpec, attribute: string): AttributeKind | undefined {
  const canonical = canonicalAttribute(spec, attribute);
  return canonical === undefined ? undefined : spec.attributes[canonical];
}
