import { describe, expect, it } from 'vitest';
import { addSegment, moveSegment, setClassification, type Editor } from '../../src/editor/index.js';
import { drive } from './harness.js';

const AUDIO_CONFIG = {
  objects: [{ type: 'audio' as const, name: 'audio', value: '$audio' }],
  controls: [
    { type: 'labels' as const, name: 'event', toName: ['audio'], labels: [{ value: 'Speech' }, { value: 'Noise' }] },
    { type: 'choices' as const, name: 'speaker', toName: ['audio'], perRegion: true, choices: [{ value: 'Driver' }, { value: 'Passenger' }] },
    { type: 'textarea' as const, name: 'transcript', toName: ['audio'], perRegion: true },
  ],
};

const segment = (editor: Editor, start: number, end: number) => editor.act((s, env) => addSegment(s, env.model, env.newId, start, end));

describe('audio segments', () => {
  it('adds a labelled segment, transcribes it, and writes Label Studio labels + textarea items', () => {
    const t = drive({ config: AUDIO_CONFIG });
    t.key('1');
    expect(t.state().active).toEqual({ control: 'event', label: 'Speech' });
    segment(t.editor, 2.5, 1.25); // dragged right to left
    const [region] = t.regions();
    expect(region).toMatchObject({ control: 'event', object: 'audio', labels: ['Speech'], geometry: { kind: 'segment', start: 1.25, end: 2.5 } });
    expect(t.state().selection).toEqual(new Set([region?.id]));
    t.editor.edit((doc, env) => setClassification(doc, env.model, env.newId, 'transcript', ['turn left'], region?.id));
    t.editor.edit((doc, env) => setClassification(doc, env.model, env.newId, 'speaker', ['Driver'], region?.id));
    expect(t.editor.getResult()).toEqual([
      { id: 'r1', from_name: 'event', to_name: 'audio', type: 'labels', value: { start: 1.25, end: 2.5, channel: 0, labels: ['Speech'] } },
      { id: 'r1', from_name: 'transcript', to_name: 'audio', type: 'textarea', value: { start: 1.25, end: 2.5, channel: 0, text: ['turn left'] } },
      { id: 'r1', from_name: 'speaker', to_name: 'audio', type: 'choices', value: { start: 1.25, end: 2.5, channel: 0, choices: ['Driver'] } },
    ]);
  });

  it('relabels the selected segment by number key, moves it, and undoes each step', () => {
    const t = drive({ config: AUDIO_CONFIG });
    segment(t.editor, 0, 1);
    t.key('2');
    expect(t.regions()[0]?.labels).toEqual(['Noise']);
    t.editor.act((s) => moveSegment(s, 'r1', 3, 4.5));
    expect(t.regions()[0]?.geometry).toEqual({ kind: 'segment', start: 3, end: 4.5, channel: 0 });
    t.key('mod+z');
    t.key('mod+z');
    expect(t.regions()[0]).toMatchObject({ labels: [], geometry: { start: 0, end: 1 } });
    // a click without a drag makes no segment
    segment(t.editor, 5, 5.001);
    expect(t.regions()).toHaveLength(1);
  });

  it('reads segments and their transcriptions back from a result', () => {
    const result = [
      { id: 'a', from_name: 'event', to_name: 'audio', type: 'labels', value: { start: 0.5, end: 1.5, channel: 0, labels: ['Speech'] } },
      { id: 'a', from_name: 'transcript', to_name: 'audio', type: 'textarea', value: { start: 0.5, end: 1.5, channel: 0, text: ['hello'] } },
    ];
    const t = drive({ config: AUDIO_CONFIG, initialResult: result });
    expect(t.regions()[0]?.geometry).toEqual({ kind: 'segment', start: 0.5, end: 1.5, channel: 0 });
    expect(t.editor.getResult()).toEqual(result);
  });

  it('plays and pauses with space, seeks ±1 s with the arrows, loops and changes speed', () => {
    const t = drive({ config: AUDIO_CONFIG });
    t.editor.setMediaInfo({ duration: 3.5 });
    t.key('space');
    expect(t.state().audio?.playing).toBe(true);
    t.key('space');
    t.key('ArrowRight');
    t.key('ArrowRight');
    expect(t.state().audio?.time).toBe(2);
    t.key('ArrowRight');
    t.key('ArrowRight');
    expect(t.state().audio?.time).toBe(3.5);
    t.key('ArrowLeft');
    expect(t.state().audio?.time).toBe(2.5);
    t.key('l');
    expect(t.state().audio?.loop).toBe(true);
    t.key('}');
    expect(t.state().audio?.rate).toBe(1.5);
    t.key('{');
    t.key('{');
    expect(t.state().audio?.rate).toBe(0.75);
    t.editor.reportTime(1.25);
    expect(t.state().audio?.time).toBe(1.25);
  });
});
