import { describe, expect, it } from 'vitest';
import { keyName, normaliseCombo, setClassification } from '../../src/editor/index.js';
import { drive } from './harness.js';

describe('key names', () => {
  it('puts modifiers in one order and calls Ctrl and ⌘ both "mod"', () => {
    expect(keyName({ key: 'Z', ctrlKey: true, shiftKey: true })).toBe('mod+shift+z');
    expect(keyName({ key: 'z', metaKey: true })).toBe('mod+z');
    expect(normaliseCombo('Shift+Ctrl+Z')).toBe('mod+shift+z');
  });

  it('drops Shift from symbols, whose character already says it', () => {
    expect(keyName({ key: '?', shiftKey: true })).toBe('?');
    expect(keyName({ key: 'Tab', shiftKey: true })).toBe('shift+tab');
    expect(keyName({ key: ' ' })).toBe('space');
    expect(normaliseCombo('ctrl++')).toBe('mod++');
  });

  it('reads the physical key under Alt (macOS types ® for Alt+R)', () => {
    expect(keyName({ key: '®', code: 'KeyR', altKey: true })).toBe('alt+r');
  });
});

describe('commands', () => {
  it('every command with keys is reachable from the registry and named for the help overlay', () => {
    const t = drive();
    const ids = t.editor.commands.all().map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['undo', 'redo', 'delete', 'submit', 'skip', 'help', 'fit', 'tool.rectangle', 'label.box.Car', 'choice.scene.Day', 'relate', 'acceptAllSuggestions']));
    for (const c of t.editor.commands.all()) {
      expect(c.title.key).toMatch(/^editor\.commands\./);
      expect(c.keys.length).toBeGreaterThan(0);
    }
  });

  it('a label key relabels the selected region instead of changing the active label', () => {
    const t = drive();
    t.key('1');
    t.drag([0, 0], [100, 100]);
    t.key('2');
    expect(t.regions()[0]?.labels).toEqual(['Person']);
    expect(t.state().active).toEqual({ control: 'box', label: 'Car' });
    t.key('mod+z');
    expect(t.regions()[0]?.labels).toEqual(['Car']);
  });

  it('pressing the active label again clears it', () => {
    const t = drive();
    t.key('1');
    t.key('1');
    expect(t.state().active).toBeNull();
  });

  it('config hotkeys toggle whole-task choices', () => {
    const t = drive();
    t.key('d');
    expect(t.editor.getResult()).toEqual([expect.objectContaining({ type: 'choices', from_name: 'scene', value: { choices: ['Day'] } })]);
    t.key('n'); // single choice: switches
    expect(t.editor.getResult()[0]).toMatchObject({ value: { choices: ['Night'] } });
    t.key('n');
    expect(t.editor.getResult()).toEqual([]);
  });

  it('Delete removes the selection with its relations and per-region answers; undo restores all', () => {
    const t = drive();
    t.drag([0, 0], [100, 100]);
    t.drag([200, 200], [300, 300]);
    t.key('v');
    t.click(50, 50);
    t.click(250, 250, { shift: true });
    t.key('alt+r');
    expect(t.state().doc.relations).toHaveLength(1);
    t.key('Escape');
    t.click(50, 50);
    t.editor.edit((doc, env) => setClassification(doc, env.model, env.newId, 'quality', ['Good'], 'r1'));
    expect(t.state().doc.classifications.size).toBe(1);
    t.key('Delete');
    expect(t.regions().map((r) => r.id)).toEqual(['r2']);
    expect(t.state().doc.relations).toHaveLength(0);
    expect(t.state().doc.classifications.size).toBe(0);
    t.key('mod+z');
    expect(t.regions()).toHaveLength(2);
    expect(t.state().doc.relations).toHaveLength(1);
    expect(t.state().doc.classifications.size).toBe(1);
  });

  it('Shift+H hides the selection; hidden regions cannot be clicked', () => {
    const t = drive();
    t.drag([0, 0], [100, 100]);
    t.key('shift+h');
    expect(t.regions()[0]?.hidden).toBe(true);
    t.key('v');
    t.key('Escape');
    t.click(50, 50);
    expect(t.state().selection.size).toBe(0);
    expect(t.editor.getResult()[0]).toMatchObject({ hidden: true });
  });

  it('arrow keys move the selection by a screen pixel, or pan the view when nothing is selected', () => {
    const t = drive();
    t.drag([100, 100], [200, 200]);
    t.key('ArrowRight');
    expect(t.regions()[0]?.geometry).toMatchObject({ x: 10.1 });
    t.key('Escape');
    t.key('ArrowRight');
    expect(t.state().viewport.x).toBe(-60);
  });

  it('Tab walks through the regions in list order', () => {
    const t = drive();
    t.drag([0, 0], [100, 100]);
    t.drag([200, 200], [300, 300]);
    t.key('Escape');
    t.key('Tab');
    expect([...t.state().selection]).toEqual(['r1']);
    t.key('Tab');
    expect([...t.state().selection]).toEqual(['r2']);
    t.key('shift+Tab');
    expect([...t.state().selection]).toEqual(['r1']);
  });

  it('Enter submits, Alt+S asks to skip, ? opens the help', () => {
    const t = drive();
    t.key('Enter');
    t.editor.keyDown({ key: 's', code: 'KeyS', altKey: true });
    t.key('?');
    expect(t.events).toEqual(['submit', 'skip', 'help']);
  });

  it('unknown keys are left to the browser', () => {
    const t = drive();
    expect(t.key('F5')).toBe(false);
    expect(t.key('mod+z')).toBe(true);
  });

  it('a read-only editor allows looking but no edits, no submit', () => {
    const t = drive({ readOnly: true, initialResult: [{ id: 'a', from_name: 'box', to_name: 'img', type: 'rectanglelabels', value: { x: 0, y: 0, width: 10, height: 10, rotation: 0, rectanglelabels: ['Car'] } }] });
    t.key('v');
    t.click(50, 25);
    expect([...t.state().selection]).toEqual(['a']);
    t.key('Delete');
    t.key('2');
    t.drag([50, 25], [300, 300]);
    t.key('Enter');
    expect(t.regions()[0]).toMatchObject({ labels: ['Car'], geometry: { x: 0, y: 0 } });
    expect(t.events).toEqual([]);
    expect(t.changes).toEqual([]);
  });

  it('brightness and contrast keys adjust the image within bounds', () => {
    const t = drive();
    t.key('b');
    t.key('shift+c');
    expect(t.state().adjust).toEqual({ brightness: 1.1, contrast: 0.9 });
    for (let i = 0; i < 40; i++) t.key('b');
    expect(t.state().adjust.brightness).toBe(3);
    t.key('shift+r');
    expect(t.state().adjust).toEqual({ brightness: 1, contrast: 1 });
  });
});
