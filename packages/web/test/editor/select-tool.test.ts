import { describe, expect, it } from 'vitest';
import type { RectangleGeometry } from '../../src/editor/types.js';
import { drive } from './harness.js';

/** Two boxes drawn with the rectangle tool, then the select tool. */
function withBoxes() {
  const t = drive();
  t.drag([100, 100], [200, 200]); // r1: x 10%, y 20%, 10% × 20%
  t.drag([400, 100], [500, 200]); // r2
  t.key('v');
  t.key('escape');
  return t;
}

const rect = (t: ReturnType<typeof drive>, id: string) => t.state().doc.regions.get(id)?.geometry as RectangleGeometry;

describe('select tool', () => {
  it('clicking a region selects it; clicking empty canvas clears the selection', () => {
    const t = withBoxes();
    t.expectState('select.idle');
    t.click(150, 150);
    expect([...t.state().selection]).toEqual(['r1']);
    t.click(700, 400);
    expect(t.state().selection.size).toBe(0);
  });

  it('Shift-click adds to and removes from the selection', () => {
    const t = withBoxes();
    t.click(150, 150);
    t.click(450, 150, { shift: true });
    expect([...t.state().selection].sort()).toEqual(['r1', 'r2']);
    t.click(150, 150, { shift: true });
    expect([...t.state().selection]).toEqual(['r2']);
  });

  it('dragging on empty canvas selects the regions wholly inside the marquee', () => {
    const t = withBoxes();
    t.pointerDown(50, 50);
    t.pointerMove(300, 300);
    t.expectState('select.brushing');
    expect(t.state().draft).toMatchObject({ kind: 'marquee' });
    t.pointerUp(300, 300);
    expect([...t.state().selection]).toEqual(['r1']);
    expect(t.state().draft).toBeNull();
  });

  it('moves the selected regions together in one undo step', () => {
    const t = withBoxes();
    t.click(150, 150);
    t.click(450, 150, { shift: true });
    t.pointerDown(150, 150);
    t.expectState('select.pointing');
    t.pointerMove(160, 150);
    t.expectState('select.dragging');
    t.pointerMove(250, 200);
    t.pointerUp(250, 200);
    expect(rect(t, 'r1')).toMatchObject({ x: 20, y: 30 });
    expect(rect(t, 'r2')).toMatchObject({ x: 50, y: 30 });
    t.key('mod+z');
    expect(rect(t, 'r1')).toMatchObject({ x: 10, y: 20 });
    expect(rect(t, 'r2')).toMatchObject({ x: 40, y: 20 });
  });

  it('a press that moves less than the drag threshold is a click, not a move', () => {
    const t = withBoxes();
    t.pointerDown(150, 150);
    t.pointerMove(151, 151);
    t.pointerUp(151, 151);
    expect(rect(t, 'r1')).toMatchObject({ x: 10, y: 20 });
    expect(t.state().history.past).toHaveLength(2);
  });

  it('keeps an upright box inside the image while moving it', () => {
    const t = withBoxes();
    t.drag([150, 150], [-500, -500]);
    expect(rect(t, 'r1')).toMatchObject({ x: 0, y: 0, width: 10, height: 20 });
  });

  it('locked regions stay put and cannot be deleted', () => {
    const t = withBoxes();
    t.click(150, 150);
    t.key('shift+l');
    expect(t.state().doc.regions.get('r1')?.locked).toBe(true);
    t.drag([150, 150], [300, 300]);
    expect(rect(t, 'r1')).toMatchObject({ x: 10, y: 20 });
    t.key('Delete');
    expect(t.state().doc.regions.has('r1')).toBe(true);
  });

  it('Escape during a move puts the regions back', () => {
    const t = withBoxes();
    t.click(150, 150);
    t.pointerDown(150, 150);
    t.pointerMove(300, 300);
    t.key('Escape');
    t.expectState('select.idle');
    expect(rect(t, 'r1')).toMatchObject({ x: 10, y: 20 });
    expect(t.state().history.past).toHaveLength(2);
  });

  it('resizes by the south-east handle, and flips when dragged past the opposite corner', () => {
    const t = withBoxes();
    t.click(150, 150);
    t.pointerDown(200, 200); // the se handle of r1
    t.expectState('select.resizing');
    t.pointerMove(300, 250);
    t.pointerUp(300, 250);
    expect(rect(t, 'r1')).toMatchObject({ x: 10, y: 20, width: 20, height: 30 });
    t.drag([300, 250], [50, 50]);
    expect(rect(t, 'r1')).toMatchObject({ x: 5, y: 10, width: 5, height: 10 });
  });

  it('rotates by the knob above the box, snapping to 15° with Shift', () => {
    const t = withBoxes();
    t.click(150, 150);
    // The knob sits 24 px above the middle of the top edge (150, 100).
    t.pointerDown(150, 76);
    t.expectState('select.rotating');
    t.pointerMove(260, 150, { shift: true }); // to the right of the centre (150, 150): a quarter turn
    t.pointerUp(260, 150, { shift: true });
    const g = rect(t, 'r1');
    expect(g.rotation).toBe(90);
    expect(g.width).toBeCloseTo(10);
    expect(g.height).toBeCloseTo(20);
    // Turned about its centre, the box still covers (150, 150) and its bounds swap sides.
    t.key('escape');
    t.click(150, 150);
    expect([...t.state().selection]).toEqual(['r1']);
  });

  it('resizes a rotated box along its own sides', () => {
    const t = withBoxes();
    t.click(150, 150);
    t.pointerDown(150, 76);
    t.pointerMove(260, 150, { shift: true });
    t.pointerUp(260, 150, { shift: true });
    // After a quarter turn the box's "e" side faces down: the 100 × 100 px box spans (100..200, 100..200).
    t.drag([150, 200], [150, 250]);
    const g = rect(t, 'r1');
    expect(g.width * 10).toBeCloseTo(150); // 10 px per percent across 1000 px
    expect(g.height * 5).toBeCloseTo(100);
  });

  it('shows the region under the pointer as hovered', () => {
    const t = withBoxes();
    t.pointerMove(450, 150);
    expect(t.state().hover).toBe('r2');
    t.pointerMove(700, 400);
    expect(t.state().hover).toBeNull();
  });

  it('a small box inside a big one stays clickable', () => {
    const t = drive();
    t.drag([0, 0], [600, 400]); // r1, big
    t.drag([100, 100], [150, 150]); // r2, small, inside r1
    t.key('v');
    t.key('escape');
    t.click(120, 120);
    expect([...t.state().selection]).toEqual(['r2']);
    t.click(400, 300);
    expect([...t.state().selection]).toEqual(['r1']);
  });
});
