import type { LabelConfigInput } from '@laoshi/core';

export interface ConfigTemplate {
  id: string;
  /** i18n key of its name */
  nameKey: string;
  config: LabelConfigInput;
  /** A task to preview the config on */
  sample: Record<string, unknown>;
}

const COLORS = ['#e5484d', '#3e63dd', '#30a46c', '#f76b15', '#8e4ec6', '#12a594', '#d6409f', '#ffc53d', '#0090ff', '#978365'];
export const colorAt = (i: number): string => COLORS[i % COLORS.length]!;

const labels = (values: string[]) => values.map((value, i) => ({ value, hotkey: String((i + 1) % 10), background: colorAt(i) }));

/** A sample image drawn as an SVG data URL, so previews need no file and no network. */
export const SAMPLE_IMAGE =
  'data:image/svg+xml;utf8,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400"><rect width="640" height="400" fill="#9fb4c7"/><rect y="240" width="640" height="160" fill="#55606b"/><polygon points="280,240 360,240 520,400 120,400" fill="#6d7883"/><rect x="300" y="250" width="8" height="30" fill="#eee"/><rect x="306" y="300" width="10" height="40" fill="#eee"/><rect x="80" y="200" width="120" height="60" rx="10" fill="#c0392b"/><rect x="470" y="215" width="90" height="45" rx="8" fill="#2d6cdf"/></svg>',
  );

const SAMPLE_TEXT = '王小明于2024年3月在北京加入了阿里巴巴。 Alice moved from Shanghai to Berlin to work for Siemens.';

export const CONFIG_TEMPLATES: ConfigTemplate[] = [
  {
    id: 'image-boxes',
    nameKey: 'app.templates.imageBoxes',
    config: { objects: [{ type: 'image', name: 'image', value: '$image' }], controls: [{ type: 'rectanglelabels', name: 'label', toName: ['image'], labels: labels(['Car', 'Pedestrian', 'Road']) }] },
    sample: { image: SAMPLE_IMAGE },
  },
  {
    id: 'image-polygons',
    nameKey: 'app.templates.imagePolygons',
    config: { objects: [{ type: 'image', name: 'image', value: '$image' }], controls: [{ type: 'polygonlabels', name: 'segment', toName: ['image'], labels: labels(['Road', 'Lane', 'Sidewalk']) }] },
    sample: { image: SAMPLE_IMAGE },
  },
  {
    id: 'image-classification',
    nameKey: 'app.templates.imageClassification',
    config: { objects: [{ type: 'image', name: 'image', value: '$image' }], controls: [{ type: 'choices', name: 'weather', toName: ['image'], choice: 'single', choices: [{ value: 'Sunny' }, { value: 'Rain' }, { value: 'Snow' }, { value: 'Night' }] }] },
    sample: { image: SAMPLE_IMAGE },
  },
  {
    id: 'ner',
    nameKey: 'app.templates.ner',
    config: {
      objects: [{ type: 'text', name: 'text', value: '$text' }],
      controls: [{ type: 'labels', name: 'entities', toName: ['text'], labels: labels(['PER', 'ORG', 'LOC', 'DATE']) }],
    },
    sample: { text: SAMPLE_TEXT },
  },
  {
    id: 'text-classification',
    nameKey: 'app.templates.textClassification',
    config: {
      objects: [{ type: 'text', name: 'text', value: '$text' }],
      controls: [
        { type: 'choices', name: 'sentiment', toName: ['text'], choice: 'single', choices: [{ value: 'Positive', hotkey: 'p' }, { value: 'Neutral', hotkey: 'u' }, { value: 'Negative', hotkey: 'n' }] },
        { type: 'textarea', name: 'comment', toName: ['text'], placeholder: '' },
      ],
    },
    sample: { text: SAMPLE_TEXT },
  },
];
