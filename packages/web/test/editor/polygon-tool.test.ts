import { describe, expect, it } from 'vitest';
import type { PolygonGeometry } from '../../src/editor/types.js';
import { drive } from './harness.js';

const poly = (t: ReturnType<typeof drive>, id = 'r1') => t.state().doc.regions.get(id)?.geometry as PolygonGeometry;

describe('polygon tool', () => {
  it('places vertices click by click and closes on the first vertex', () => {
    const t = drive();
    t.key('p');
    t.expectState('polygon.idle');
    t.click(100, 100);
    t.expectState('polygon.drawing');
    t.click(300, 100);
    t.pointerMove(300, 300);
    expect(t.state().draft).toMatchObject({ kind: 'polygon', cursor: { x: 300, y: 300 } });
    t.click(300, 300);
    t.click(103, 102); // within 8 px of the first vertex
    t.expectState('polygon.idle');
    expect(poly(t)).toEqual({ kind: 'polygon', closed: true, points: [[10, 20], [30, 20], [30, 60]] });
    expect(t.regions()[0]).toMatchObject({ control: 'poly', labels: [] });
    expect(t.state().draft).toBeNull();
  });

  it('Backspace takes back the last vertex and Escape abandons the shape', () => {
    const t = drive();
    t.key('p');
    t.click(100, 100);
    t.click(200, 100);
    t.click(200, 200);
    t.key('Backspace');
    expect(t.state().draft).toMatchObject({ points: [{ x: 100, y: 100 }, { x: 200, y: 100 }] });
    t.key('Escape');
    t.expectState('polygon.idle');
    expect(t.regions()).toHaveLength(0);
  });

  it('Enter finishes a polygon instead of submitting the task', () => {
    const t = drive();
    t.key('p');
    t.click(100, 100);
    t.click(200, 100);
    t.click(200, 200);
    t.key('Enter');
    expect(poly(t).points).toHaveLength(3);
    expect(t.events).toEqual([]);
    t.key('Enter');
    expect(t.events).toEqual(['submit']);
  });

  it('a polygon needs three vertices', () => {
    const t = drive();
    t.key('p');
    t.click(100, 100);
    t.click(200, 100);
    t.key('Enter');
    expect(t.regions()).toHaveLength(0);
  });

  it('the polyline tool finishes open shapes on double-click', () => {
    const t = drive();
    t.key('l');
    t.click(100, 100);
    t.click(200, 150);
    t.click(200, 150); // the second press of the double-click adds nothing
    t.editor.doubleClick(200, 150);
    expect(poly(t)).toEqual({ kind: 'polygon', closed: false, points: [[10, 20], [20, 30]] });
    expect(t.editor.getResult()[0]).toMatchObject({ type: 'polygonlabels', value: { closed: false, points: [[10, 20], [20, 30]] } });
  });

  it('drags a vertex of the selected polygon, in one undo step', () => {
    const t = drive();
    t.key('p');
    for (const [x, y] of [[100, 100], [300, 100], [300, 300]] as const) t.click(x, y);
    t.key('Enter');
    t.key('v');
    t.pointerDown(300, 100);
    t.expectState('select.vertex-dragging');
    t.pointerMove(400, 50);
    t.pointerUp(400, 50);
    expect(poly(t).points[1]).toEqual([40, 10]);
    t.key('mod+z');
    expect(poly(t).points[1]).toEqual([30, 20]);
  });

  it('Alt-click deletes a vertex, but a polygon keeps three', () => {
    const t = drive();
    t.key('p');
    for (const [x, y] of [[100, 100], [300, 100], [300, 300], [100, 300]] as const) t.click(x, y);
    t.key('Enter');
    t.key('v');
    t.click(300, 300, { alt: true });
    expect(poly(t).points).toEqual([[10, 20], [30, 20], [10, 60]]);
    t.click(300, 100, { alt: true });
    expect(poly(t).points).toHaveLength(3);
  });

  it('double-clicking an edge of the selected polygon adds a vertex there', () => {
    const t = drive();
    t.key('p');
    for (const [x, y] of [[100, 100], [300, 100], [300, 300]] as const) t.click(x, y);
    t.key('Enter');
    t.key('v');
    t.editor.doubleClick(200, 101);
    expect(poly(t).points).toEqual([[10, 20], [20, 20.2], [30, 20], [30, 60]]);
  });

  it('selects a polygon by clicking inside it', () => {
    const t = drive();
    t.key('p');
    for (const [x, y] of [[100, 100], [300, 100], [300, 300]] as const) t.click(x, y);
    t.key('Enter');
    t.key('v');
    t.key('Escape');
    t.click(280, 150);
    expect([...t.state().selection]).toEqual(['r1']);
    t.click(120, 250); // outside the triangle, inside its bounds
    expect(t.state().selection.size).toBe(0);
  });
});

describe('keypoint tool', () => {
  it('places a labelled point per click and selects it', () => {
    const t = drive();
    t.key('k');
    t.key('4'); // Eye: labels are numbered across controls (Car, Person, Road, Eye)
    expect(t.state().active).toEqual({ control: 'kp', label: 'Eye' });
    t.click(250, 125);
    t.click(500, 250);
    expect(t.regions().map((r) => r.geometry)).toEqual([
      { kind: 'keypoint', x: 25, y: 25 },
      { kind: 'keypoint', x: 50, y: 50 },
    ]);
    expect(t.regions()[1]?.labels).toEqual(['Eye']);
    expect([...t.state().selection]).toEqual(['r2']);
  });

  it('a keypoint is hit within a few screen pixels', () => {
    const t = drive();
    t.key('k');
    t.click(250, 125);
    t.key('v');
    t.key('Escape');
    t.click(253, 127);
    expect([...t.state().selection]).toEqual(['r1']);
  });
});
