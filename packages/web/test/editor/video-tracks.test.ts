import { describe, expect, it } from 'vitest';
import { driveVideo } from './video-harness.js';

const box = (frame: number, x: number, y: number, width: number, height: number, enabled = true) => ({ frame, x, y, width, height, rotation: 0, enabled });

describe('video tracks: drawing, keyframes and interpolation', () => {
  it('draws a box on frame 1 as a track with one keyframe, labelled by the number key', () => {
    const t = driveVideo();
    expect(t.state().tool).toBe('rectangle');
    t.key('1');
    t.drag([100, 50], [300, 150]);
    const [track] = t.tracks();
    expect(track).toMatchObject({ control: 'box', object: 'video', labels: ['Car'] });
    expect(t.keyframes()).toEqual([box(1, 10, 10, 20, 20)]);
    // held on later frames: an enabled last keyframe holds until the video ends
    t.seek(60);
    expect(t.shown()[0]?.geometry).toEqual({ kind: 'rectangle', x: 10, y: 10, width: 20, height: 20, rotation: 0 });
  });

  it('moving the box on frame 21 makes a keyframe there, and frame 11 shows it halfway', () => {
    const t = driveVideo();
    t.drag([100, 50], [300, 150]);
    t.seek(21);
    expect(t.frame()).toBe(21);
    t.key('v');
    t.drag([200, 100], [400, 100]);
    expect(t.keyframes()).toEqual([box(1, 10, 10, 20, 20), box(21, 30, 10, 20, 20)]);
    t.seek(11);
    // t = (11 − 1) / (21 − 1) = 0.5 → x = 10 + 20·0.5 = 20
    expect(t.shown()[0]?.geometry).toMatchObject({ kind: 'rectangle', x: 20, y: 10 });
    // the move is one undo step, and only the keyframe on 21 goes
    t.key('mod+z');
    expect(t.keyframes()).toEqual([box(1, 10, 10, 20, 20)]);
  });

  it('writes Label Studio videorectangle items: keyframes only, time = frame / fps, the video length', () => {
    const t = driveVideo();
    t.key('1');
    t.drag([100, 50], [300, 150]);
    t.seek(21);
    t.key('v');
    t.drag([200, 100], [400, 100]);
    const [item] = t.editor.getResult();
    expect(item).toMatchObject({ from_name: 'box', to_name: 'video', type: 'videorectangle' });
    expect(item?.value).toEqual({
      sequence: [{ ...box(1, 10, 10, 20, 20), time: 0.1 }, { ...box(21, 30, 10, 20, 20), time: 2.1 }],
      framesCount: 100, duration: 10, labels: ['Car'],
    });
    expect(t.changes.length).toBeGreaterThan(0);
  });

  it('o takes the object out of view after this frame, and on a hidden frame brings it back', () => {
    const t = driveVideo();
    t.drag([100, 50], [300, 150]);
    t.seek(30);
    t.key('o');
    expect(t.keyframes()).toEqual([box(1, 10, 10, 20, 20), box(30, 10, 10, 20, 20, false)]);
    expect(t.shown()).toHaveLength(1); // still shown on its own keyframe
    t.seek(31);
    expect(t.shown()).toHaveLength(0);
    t.seek(40);
    t.key('o');
    expect(t.keyframes().map((k) => [k.frame, k.enabled])).toEqual([[1, true], [30, false], [40, true]]);
    expect(t.shown()).toHaveLength(1);
    t.seek(35);
    expect(t.shown()).toHaveLength(0);
  });

  it('n copies the box to the next frame and moves there; shift+n holds it for the span (10 frames)', () => {
    const t = driveVideo();
    t.drag([100, 50], [300, 150]);
    t.seek(5);
    t.key('n');
    expect(t.frame()).toBe(6);
    expect(t.keyframes().map((k) => k.frame)).toEqual([1, 5, 6]);
    t.key('shift+n');
    expect(t.keyframes().map((k) => k.frame)).toEqual([1, 5, 6, 16]);
    t.key('mod+z');
    t.key('mod+z');
    expect(t.keyframes().map((k) => k.frame)).toEqual([1]);
  });

  it('shift+k sets a keyframe without moving anything, alt+delete removes it, [ and ] jump between keyframes', () => {
    const t = driveVideo();
    t.drag([100, 50], [300, 150]);
    t.seek(21);
    t.key('v');
    t.drag([200, 100], [400, 100]);
    t.seek(11);
    t.key('shift+k');
    expect(t.keyframes().map((k) => [k.frame, k.x])).toEqual([[1, 10], [11, 20], [21, 30]]);
    t.key('[');
    expect(t.frame()).toBe(1);
    t.key(']');
    t.key(']');
    expect(t.frame()).toBe(21);
    t.key('alt+delete');
    expect(t.keyframes().map((k) => k.frame)).toEqual([1, 11]);
  });

  it('Delete removes the whole track, also when it is out of view on this frame', () => {
    const t = driveVideo();
    t.drag([100, 50], [300, 150]);
    t.seek(3);
    t.key('o');
    t.seek(50);
    expect(t.shown()).toHaveLength(0);
    t.key('Delete');
    expect(t.tracks()).toHaveLength(0);
  });

  it('draws polygon and polyline tracks, and a vertex moved on another frame becomes a keyframe there', () => {
    const t = driveVideo();
    t.key('p');
    for (const [x, y] of [[100, 100], [300, 100], [300, 300]] as const) t.click(x, y);
    t.click(100, 100);
    t.key('l');
    t.click(500, 400);
    t.click(700, 100);
    t.key('Enter');
    const [poly, lane] = t.tracks();
    expect(poly?.geometry.track).toMatchObject({ kind: 'polygon', keyframes: [{ frame: 1, points: [[10, 20], [30, 20], [30, 60]] }] });
    expect(lane?.geometry.track).toMatchObject({ kind: 'polyline', keyframes: [{ frame: 1, points: [[50, 80], [70, 20]] }] });
    expect(poly?.control).toBe('shape');
    t.seek(11);
    t.key('v');
    t.editor.patch({ selection: new Set([lane!.id]) });
    t.drag([700, 100], [800, 100]); // drag the second vertex of the lane line 10 % right
    expect(t.keyframes(1).map((k) => [k.frame, (k as { points: unknown }).points])).toEqual([[1, [[50, 80], [70, 20]]], [11, [[50, 80], [80, 20]]]]);
    t.seek(6);
    expect(t.shown().find((r) => r.id === lane!.id)?.geometry).toMatchObject({ kind: 'polygon', closed: false, points: [[50, 80], [75, 20]] });
    const items = t.editor.getResult();
    expect(items.map((i) => [i.type, (i.value as { closed?: boolean }).closed])).toEqual([['videopolygon', true], ['videopolygon', false]]);
  });

  it('reads a Label Studio video result and writes it back unchanged', () => {
    const item = {
      id: 'abc', from_name: 'box', to_name: 'video', type: 'videorectangle', origin: 'manual',
      value: { framesCount: 100, duration: 10, labels: ['Car'], sequence: [{ ...box(1, 1, 2, 3, 4), time: 0.1 }, { ...box(9, 5, 6, 7, 8, false), time: 0.9 }] },
    };
    const t = driveVideo({ initialResult: [item] });
    expect(t.tracks()[0]?.labels).toEqual(['Car']);
    expect(t.editor.getResult()).toEqual([item]);
    t.seek(5);
    expect(t.shown()[0]?.geometry).toMatchObject({ x: 3, y: 4 });
  });
});

describe('video playback state', () => {
  it('steps ±1 and ±10 frames by keys within the video, and speeds up and slows down between 0.25× and 4×', () => {
    const t = driveVideo();
    t.key(',');
    expect(t.frame()).toBe(1);
    t.key('>');
    t.key('.');
    expect(t.frame()).toBe(12);
    t.key('end');
    expect(t.frame()).toBe(100);
    t.key('.');
    expect(t.frame()).toBe(100);
    t.key('<');
    expect(t.frame()).toBe(90);
    for (let i = 0; i < 10; i++) t.key('}');
    expect(t.state().video?.rate).toBe(4);
    for (let i = 0; i < 10; i++) t.key('{');
    expect(t.state().video?.rate).toBe(0.25);
    t.key('k');
    expect(t.state().video?.playing).toBe(true);
    // the view reports playback time; frame f starts at (f − 1) / fps
    t.editor.reportTime(2.05);
    expect(t.frame()).toBe(21);
  });

  it('takes fps from the task, else the config, else the media info, else 24', () => {
    expect(driveVideo({ fps: 30 }).state().video).toMatchObject({ fps: 30, fpsSource: 'task' });
    expect(driveVideo().state().video).toMatchObject({ fps: 10, fpsSource: 'config' });
    const t = driveVideo({ config: { objects: [{ type: 'video', name: 'video', value: '$video' }], controls: [{ type: 'videorectangle', name: 'box', toName: ['video'] }] } });
    expect(t.state().video).toMatchObject({ fps: 24, fpsSource: 'default' });
    t.editor.setMediaInfo({ fps: 25, duration: 4 });
    expect(t.state().video).toMatchObject({ fps: 25, fpsSource: 'media', frameCount: 100 });
  });
});
