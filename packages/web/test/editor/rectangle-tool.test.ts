import { describe, expect, it } from 'vitest';
import { drive } from './harness.js';

describe('rectangle tool', () => {
  it('drags out a rectangle in percent of the image and selects it', () => {
    const t = drive();
    t.key('r');
    t.expectState('rectangle.idle');
    t.pointerDown(100, 50);
    t.expectState('rectangle.dragging');
    t.pointerMove(150, 80);
    expect(t.state().draft).toEqual({ kind: 'rectangle', from: { x: 100, y: 50 }, to: { x: 150, y: 80 } });
    t.pointerMove(300, 150);
    t.pointerUp(300, 150);
    t.expectState('rectangle.idle');
    const [region] = t.regions();
    expect(region?.geometry).toEqual({ kind: 'rectangle', x: 10, y: 10, width: 20, height: 20, rotation: 0 });
    expect(t.state().selection).toEqual(new Set([region?.id]));
    expect(t.state().draft).toBeNull();
  });

  it('draws from any corner and clamps to the image', () => {
    const t = drive();
    t.drag([300, 150], [-50, 600]);
    expect(t.regions()[0]?.geometry).toMatchObject({ x: 0, y: 30, width: 30, height: 70 });
  });

  it('takes the active label, picked by number key', () => {
    const t = drive();
    t.key('2');
    expect(t.state().active).toEqual({ control: 'box', label: 'Person' });
    t.drag([0, 0], [100, 100]);
    expect(t.regions()[0]).toMatchObject({ control: 'box', object: 'img', labels: ['Person'] });
  });

  it('a click without a drag draws nothing', () => {
    const t = drive();
    t.click(50, 50);
    expect(t.regions()).toHaveLength(0);
  });

  it('Escape while dragging abandons the rectangle', () => {
    const t = drive();
    t.pointerDown(10, 10);
    t.pointerMove(100, 100);
    t.key('Escape');
    t.expectState('rectangle.idle');
    t.pointerUp(100, 100);
    expect(t.regions()).toHaveLength(0);
    expect(t.state().draft).toBeNull();
  });

  it('a drawn rectangle is one undo step, and redo brings it back', () => {
    const t = drive();
    t.drag([0, 0], [100, 100]);
    t.drag([200, 200], [300, 300]);
    expect(t.regions()).toHaveLength(2);
    t.key('mod+z');
    expect(t.regions()).toHaveLength(1);
    t.key('mod+z');
    expect(t.regions()).toHaveLength(0);
    t.key('mod+shift+z');
    expect(t.regions()).toHaveLength(1);
  });

  it('emits one change per drawn rectangle, with the Label Studio item', () => {
    const t = drive();
    t.key('1');
    t.drag([0, 0], [100, 50]);
    expect(t.changes).toHaveLength(1);
    expect(t.changes[0]).toEqual([{
      id: 'r1', from_name: 'box', to_name: 'img', type: 'rectanglelabels', original_width: 1000, original_height: 500,
      value: { x: 0, y: 0, width: 10, height: 10, rectanglelabels: ['Car'] },
    }]);
  });

  it('draws nothing in a read-only editor', () => {
    const t = drive({ readOnly: true });
    t.drag([0, 0], [100, 100]);
    expect(t.regions()).toHaveLength(0);
  });
});
