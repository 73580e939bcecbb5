import { describe, expect, it } from 'vitest';
import {
  LabelConfigError, labelConfigFromXml, parseLabelConfig, validateLabelConfig, type LabelConfig, type LabelConfigInput,
} from '../../src/label-config/index.js';

const base = (): LabelConfigInput => ({
  objects: [
    { name: 'image', type: 'image', value: '$image' },
    { name: 'text', type: 'text', value: '$text' },
  ],
  controls: [
    { name: 'box', type: 'rectanglelabels', toName: ['image'], labels: [{ value: 'Car', hotkey: '1' }, { value: 'Bus', hotkey: '2' }] },
    { name: 'topic', type: 'choices', toName: ['text'], choice: 'multiple', choices: [{ value: 'Sports' }, { value: 'News' }] },
  ],
});

/** Applies `edit` to a fresh valid config and returns the first validation issue. */
type Loose = { objects: Record<string, unknown>[]; controls: Record<string, unknown>[] };
function firstIssue(edit: (config: Loose) => void) {
  const config = base() as unknown as Loose;
  edit(config);
  const result = validateLabelConfig(config);
  if (result.ok) throw new Error('expected the config to be rejected');
  return result.issues[0];
}

describe('validateLabelConfig', () => {
  it('accepts a valid config', () => {
    expect(validateLabelConfig(base())).toEqual({ ok: true, config: base() });
  });

  it('rejects a config without objects or controls', () => {
    expect(firstIssue((c) => { c.objects = []; })).toMatchObject({ field: 'objects', message: 'objects: a label config needs at least one object (image, text, ...)' });
    expect(firstIssue((c) => { c.controls = []; })).toMatchObject({ field: 'controls' });
  });

  it('rejects duplicate names across objects and controls', () => {
    expect(firstIssue((c) => { c.controls[1]!.name = 'image'; }))
      .toEqual({ field: 'controls[1].name', message: 'controls[1].name: name "image" is already used by objects[0]' });
  });

  it('rejects a toName that names no object', () => {
    expect(firstIssue((c) => { c.controls[1]!.toName = ['text', 'txt']; })).toEqual({
      field: 'controls[1].toName[1]',
      message: 'controls[1].toName[1]: choices control "topic" points toName "txt", but there is no object named "txt"',
    });
  });

  it('rejects a toName that names a control', () => {
    expect(firstIssue((c) => { c.controls[1]!.toName = ['box']; })?.message).toMatch(/"box" is a control, not an object/);
  });

  it.each([
    ['rectanglelabels', 'text', /can only label image objects, but "text" is a text object/],
    ['labels', 'image', /can only label text or hypertext or audio or video objects/],
  ])('rejects a %s control pointed at %s', (type, target, message) => {
    expect(firstIssue((c) => { c.controls[0] = { name: 'x', type, toName: [target], labels: [{ value: 'a' }] }; })?.message).toMatch(message);
  });

  it('rejects a videorectangle on an image and a ranker on text', () => {
    expect(firstIssue((c) => { c.controls.push({ name: 'track', type: 'videorectangle', toName: ['image'] }); })?.message)
      .toMatch(/videorectangle control "track" can only label video objects/);
    expect(firstIssue((c) => { c.controls.push({ name: 'rank', type: 'ranker', toName: ['text'] }); })?.message)
      .toMatch(/ranker control "rank" can only label list objects/);
  });

  it('lets choices, textarea, rating and number point at any object', () => {
    const config = base();
    config.controls.push(
      { name: 'c', type: 'choices', toName: ['image'], choices: [{ value: 'blurry' }] },
      { name: 'ta', type: 'textarea', toName: ['image', 'text'] },
      { name: 'r', type: 'rating', toName: ['image'], maxRating: 10 },
      { name: 'n', type: 'number', toName: ['text'], min: 0, max: 5 },
    );
    expect(validateLabelConfig(config).ok).toBe(true);
  });

  it('rejects duplicate label, choice and hotkey values within a control', () => {
    expect(firstIssue((c) => { (c.controls[0]!.labels as { value: string }[])[1]!.value = 'Car'; }))
      .toMatchObject({ field: 'controls[0].labels[1].value', message: 'controls[0].labels[1].value: label "Car" appears more than once in control "box"' });
    expect(firstIssue((c) => { (c.controls[1]!.choices as { value: string }[])[1]!.value = 'Sports'; })?.field).toBe('controls[1].choices[1].value');
    expect(firstIssue((c) => { (c.controls[0]!.labels as { hotkey: string }[])[1]!.hotkey = '1'; })?.field).toBe('controls[0].labels[1].hotkey');
  });

  it('allows the same label value in two different controls', () => {
    const config = base();
    config.controls.push({ name: 'box2', type: 'rectanglelabels', toName: ['image'], labels: [{ value: 'Car' }] });
    expect(validateLabelConfig(config).ok).toBe(true);
  });

  it('checks bounds', () => {
    expect(firstIssue((c) => { c.controls.push({ name: 'r', type: 'rating', toName: ['text'], maxRating: 0 }); })?.field).toBe('controls[2].maxRating');
    expect(firstIssue((c) => { c.controls.push({ name: 'r', type: 'rating', toName: ['text'], maxRating: 2.5 }); })?.field).toBe('controls[2].maxRating');
    expect(firstIssue((c) => { c.controls.push({ name: 'n', type: 'number', toName: ['text'], min: 5, max: 1 }); })?.message)
      .toMatch(/number control "n" has min 5 greater than max 1/);
    expect(firstIssue((c) => { c.controls[0]!.opacity = 1.5; })?.field).toBe('controls[0].opacity');
  });

  it('requires pairwise to compare two different objects', () => {
    expect(firstIssue((c) => { c.controls.push({ name: 'pw', type: 'pairwise', toName: ['text'] }); })?.message)
      .toMatch(/pairwise control "pw" must compare exactly two different objects/);
  });

  it('allows at most one relations control', () => {
    expect(firstIssue((c) => {
      c.controls.push({ name: 'r1', type: 'relations', labels: [{ value: 'a' }] }, { name: 'r2', type: 'relations', labels: [{ value: 'b' }] });
    })).toMatchObject({ field: 'controls[3].type' });
  });

  it('requires a region control for a perRegion control to attach to', () => {
    expect(firstIssue((c) => { c.controls[1]!.perRegion = true; })?.message).toMatch(/choices control "topic" is perRegion, but no region control/);
  });

  it('rejects unknown keys, types and malformed values with their path', () => {
    expect(firstIssue((c) => { c.controls[0]!.colour = 'red'; })).toMatchObject({ field: 'controls[0]', message: 'controls[0]: Unrecognized key: "colour"' });
    expect(firstIssue((c) => { c.controls[0]!.type = 'brushlabels'; })?.message).toMatch(/^controls\[0\]\.type: type must be one of rectanglelabels, /);
    expect(firstIssue((c) => { c.objects[0]!.value = 'image'; })?.field).toBe('objects[0].value');
    expect(firstIssue((c) => { c.objects[0]!.name = 'two words'; })?.field).toBe('objects[0].name');
    expect(firstIssue((c) => { c.controls[0]!.toName = 'image'; })?.field).toBe('controls[0].toName');
  });
});

describe('parseLabelConfig', () => {
  it('accepts an object, a JSON string and XML', () => {
    const config = base();
    expect(parseLabelConfig(config)).toEqual(config);
    expect(parseLabelConfig(JSON.stringify(config))).toEqual(config);
    expect(parseLabelConfig('\uFEFF  \n<View><Text name="text" value="$text"/><TextArea name="ta" toName="text"/></View>').controls[0]?.type).toBe('textarea');
  });

  it('throws LabelConfigError with the field for invalid JSON configs', () => {
    const error = (() => {
      try {
        parseLabelConfig({ ...base(), objects: [{ name: 'image', type: 'image', value: 3 }] });
      } catch (e) {
        return e as LabelConfigError;
      }
      throw new Error('expected a throw');
    })();
    expect(error).toBeInstanceOf(LabelConfigError);
    expect(error.field).toBe('objects[0].value');
    expect(error.issues.length).toBeGreaterThanOrEqual(1);
  });

  it('throws LabelConfigError for text that is neither XML nor JSON', () => {
    expect(() => parseLabelConfig('objects: []')).toThrow(/neither Label Studio XML .* nor valid JSON/);
    expect(() => parseLabelConfig(42)).toThrow(LabelConfigError);
    expect(() => parseLabelConfig(null)).toThrow(LabelConfigError);
  });

  it('fills the default toName of a relations control', () => {
    const config = base();
    config.controls.push({ name: 'rel', type: 'relations', labels: [{ value: 'near' }] });
    expect(parseLabelConfig(config).controls[2]).toEqual({ name: 'rel', type: 'relations', toName: [], labels: [{ value: 'near' }] });
  });
});

describe('round trips', () => {
  const xml = `<View>
  <Image name="image" value="$image" zoom="true"/>
  <RectangleLabels name="box" toName="image"><Label value="Car" background="rgb(0, 128, 0)" hotkey="c"/></RectangleLabels>
  <Choices name="quality" toName="image" perRegion="true" choice="single"><Choice value="sharp"/><Choice value="blurry"/></Choices>
  <Text name="text" value="$text"/>
  <Labels name="ner" toName="text"><Label value="PER"/><Label value="ORG"/></Labels>
  <Relations><Relation value="works_for"/></Relations>
  <Video name="video" value="$video" frameRate="30"/>
  <Labels name="track_labels" toName="video"><Label value="Man"/></Labels>
  <VideoRectangle name="track" toName="video"/>
  <Audio name="audio" value="$audio"/>
  <Rating name="stars" toName="audio" maxRating="3"/>
  <Number name="count" toName="image" min="0"/>
  <Pairwise name="pw" toName="text,image"/>
</View>`;

  it('XML → JSON text → parseLabelConfig gives the same config', () => {
    const fromXml: LabelConfig = labelConfigFromXml(xml);
    expect(parseLabelConfig(JSON.stringify(fromXml))).toEqual(fromXml);
    expect(parseLabelConfig(JSON.parse(JSON.stringify(fromXml)))).toEqual(fromXml);
  });

  it('parsing a parsed config changes nothing', () => {
    const once = parseLabelConfig(base());
    expect(parseLabelConfig(once)).toEqual(once);
    expect(JSON.stringify(parseLabelConfig(once))).toBe(JSON.stringify(once));
  });
});
