import { describe, expect, it } from 'vitest';
import { motionTracker, timelineHit, timelineRows, drawTimeline, type Tracker } from '../../src/editor/index.js';
import { backendTracker } from '../../src/editor-ui/backend-tracker.js';
import { RecordingContext } from './recording-context.js';
import { driveVideo } from './video-harness.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

/** A box drawn on frame 1 and moved 10 % right by frame 11 (1 % per frame), selected, on frame 11. */
async function movingBox(tracker: Tracker = motionTracker) {
  const t = driveVideo({ tracker });
  t.drag([100, 50], [300, 150]);
  t.seek(11);
  t.key('v');
  t.drag([200, 100], [300, 100]);
  return t;
}

describe('the tracker hook', () => {
  it('t asks the tracker for the next span of frames and shows its answer as a dashed suggestion', async () => {
    const asked: unknown[] = [];
    const t = await movingBox(async (request, signal) => {
      asked.push({ ...request, aborted: signal.aborted });
      return motionTracker(request, signal);
    });
    t.key('t');
    await settle();
    expect(asked).toMatchObject([{ trackId: 'r1', fromFrame: 11, frames: 10, fps: 10, item: { type: 'videorectangle', value: { sequence: [{ frame: 1 }, { frame: 11 }] } } }]);
    const proposal = t.regions().find((r) => r.suggestion !== undefined);
    expect(proposal?.suggestion).toMatchObject({ forRegion: 'r1', modelVersion: 'motion' });
    // the result holds the annotator's track only
    expect(t.editor.getResult()).toHaveLength(1);
    // frame 15 shows the proposal at x = 20 + 4·1 = 24 % beside the track, which holds 20 %
    t.seek(15);
    expect(t.shown().map((r) => [r.id === 'r1', r.geometry.kind === 'rectangle' ? r.geometry.x : null])).toEqual([[true, 20], [false, 24]]);
  });

  it('a accepts the proposal: its keyframes join the track and the suggestion goes', async () => {
    const t = await movingBox();
    t.key('t');
    await settle();
    t.key('shift+a');
    expect(t.tracks()).toHaveLength(1);
    const frames = t.keyframes().map((k) => [k.frame, k.x, k.enabled]);
    expect(frames.slice(0, 3)).toEqual([[1, 10, true], [11, 20, true], [12, 21, true]]);
    expect(frames.at(-1)).toEqual([21, 30, true]);
    t.key('mod+z');
    expect(t.tracks()).toHaveLength(2);
  });

  it('correcting the proposal on a frame takes it up to that frame and drops the rest', async () => {
    const t = await movingBox();
    t.key('t');
    await settle();
    t.seek(15);
    const proposal = t.regions().find((r) => r.suggestion)!;
    t.editor.patch({ selection: new Set([proposal.id]) });
    // the proposal's box is at 24 %…44 % on frame 15; drag it 5 % down
    t.drag([300, 100], [300, 125]);
    expect(t.tracks()).toHaveLength(1);
    expect(t.keyframes().map((k) => [k.frame, k.x, k.y])).toEqual([[1, 10, 10], [11, 20, 10], [12, 21, 10], [13, 22, 10], [14, 23, 10], [15, 24, 15]]);
  });

  it('a failing tracker proposes nothing and says so', async () => {
    const t = await movingBox(async () => {
      throw new Error('backend down');
    });
    t.key('t');
    expect(t.state().video?.tracking).toBe('busy');
    await settle();
    expect(t.state().video?.tracking).toBe('failed');
    expect(t.tracks()).toHaveLength(1);
  });
});

describe('the timeline', () => {
  it('draws a row per track with its keyframes, bars where it is in view, and the playhead', async () => {
    const t = await movingBox();
    t.key('o'); // out of view after frame 11
    t.key('t');
    await settle();
    const rows = timelineRows(t.state());
    expect(rows).toHaveLength(1);
    expect(rows[0]?.proposals).toHaveLength(0); // the tracker does not start from a frame the box leaves after
    const layout = { width: 1132, height: 200, gutter: 132, ruler: 20, rowHeight: 18, firstRow: 0 };
    const ctx = new RecordingContext();
    expect(drawTimeline(ctx, t.state(), t.editor.model, layout, rows)).toBe(1);
    // 100 frames over 1000 px: 10 px a frame. In view from frame 1 up to the keyframe on 11 and on
    // frame 11 itself: one bar from x 132 to 242; nothing after
    const rects = ctx.calls.filter((c) => c.op === 'fillRect').map((c) => c.args);
    expect(rects.filter((r) => r[1] === 23)).toEqual([[132, 23, 110, 12]]);
    // two keyframes as diamonds, centred at x 132 and 232
    expect(ctx.calls.filter((c) => c.op === 'moveTo').map((c) => c.args)).toEqual([[132, 25], [232, 25]]);
    expect(ctx.calls.find((c) => c.op === 'fillText' && String(c.args[0]).startsWith('1.'))?.args[0]).toBe('1. —');
  });

  it('merges touching stretches into one bar and draws crowded keyframes as ticks, one per pixel', () => {
    const t = driveVideo();
    t.drag([100, 50], [300, 150]);
    // a keyframe on every frame from 1 to 100, all in view
    for (let f = 1; f < 100; f++) t.key('n');
    t.key('Home');
    t.key('shift+k');
    const ctx = new RecordingContext();
    const layout = { width: 232, height: 60, gutter: 132, ruler: 20, rowHeight: 18, firstRow: 0 };
    drawTimeline(ctx, t.state(), t.editor.model, layout, timelineRows(t.state()));
    const bars = ctx.calls.filter((c) => c.op === 'fillRect' && c.args[1] === 23);
    expect(bars).toEqual([{ op: 'fillRect', args: [132, 23, 100, 12] }]);
    // 100 keyframes over 100 px: ticks (1 px wide), no diamonds
    expect(ctx.calls.filter((c) => c.op === 'rect' && c.args[2] === 1 && c.args[3] === 8)).toHaveLength(100);
    expect(ctx.count('moveTo')).toBe(0);
  });

  it('finds the frame and the row under the pointer', async () => {
    const t = await movingBox();
    const rows = timelineRows(t.state());
    const layout = { width: 1132, height: 200, gutter: 132, ruler: 20, rowHeight: 18, firstRow: 0 };
    expect(timelineHit(layout, rows, 100, 132 + 55, 30)).toMatchObject({ frame: 6, area: 'tracks', row: { region: { id: 'r1' } } });
    expect(timelineHit(layout, rows, 100, 50, 30)).toMatchObject({ frame: undefined, area: 'gutter' });
    expect(timelineHit(layout, rows, 100, 5000, 5)).toMatchObject({ frame: 100, area: 'ruler', row: undefined });
  });
});

describe('the model backend tracker', () => {
  it('sends the track as interactive context and reads the proposed keyframes from the answer', async () => {
    const contexts: Record<string, unknown>[] = [];
    const tracker = backendTracker(async (context) => {
      contexts.push(context);
      return { result: [{ id: 'r1', type: 'videorectangle', value: { sequence: [{ frame: 15, x: 40, y: 10, width: 20, height: 20, enabled: true }] } }], score: 0.9, modelVersion: 'sot-1' };
    });
    const t = await movingBox(tracker);
    t.key('t');
    await settle();
    expect(contexts).toMatchObject([{ type: 'video-track', from_frame: 11, frames: 10, fps: 10, track: { id: 'r1', type: 'videorectangle' } }]);
    const proposal = t.regions().find((r) => r.suggestion);
    expect(proposal?.suggestion).toEqual({ score: 0.9, modelVersion: 'sot-1', forRegion: 'r1' });
    // starts at the box on frame 11, ends at the backend's keyframe on 15
    expect(proposal?.geometry.kind === 'track' && proposal.geometry.track.keyframes.map((k) => k.frame)).toEqual([11, 15]);
  });

  it('falls back to the motion tracker when the project has no backend', async () => {
    const t = await movingBox(backendTracker(async () => null));
    t.key('t');
    await settle();
    expect(t.regions().find((r) => r.suggestion)?.suggestion?.modelVersion).toBe('motion');
  });
});
