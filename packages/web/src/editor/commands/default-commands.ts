import { acceptSuggestions, deleteSelected, nudgeSelected, pickLabel, relateSelected, selectNext, toggleChoice, toggleHidden, toggleLocked } from '../actions.js';
import type { ConfigModel } from '../config-model.js';
import { redo, undo } from '../history.js';
import type { EditorState, ToolId } from '../types.js';
import { fitViewport, panBy, zoomAt } from '../viewport.js';
import type { Command } from './command.js';

const PAN_STEP = 60;
const ZOOM_STEP = 1.25;
const ADJUST_STEP = 0.1;

const hasSelection = (s: EditorState) => s.selection.size > 0;
const writable = (s: EditorState) => !s.readOnly;
const centre = (s: EditorState) => ({ x: s.view.width / 2, y: s.view.height / 2 });
const adjust = (s: EditorState, key: 'brightness' | 'contrast', by: number) => ({
  adjust: { ...s.adjust, [key]: Math.round(Math.min(3, Math.max(0.1, s.adjust[key] + by)) * 100) / 100 },
});
const title = (name: string, params?: Record<string, string>) => ({ key: `editor.commands.${name}`, ...(params ? { params } : {}) });

const TOOL_KEYS: Record<ToolId, string> = { select: 'v', pan: 'h', rectangle: 'r', polygon: 'p', polyline: 'l', keypoint: 'k' };

/**
 * Commands every editor has, plus one per tool the config needs and one per label hotkey. `media`
 * (video and audio commands) come right after the label hotkeys: a key the config gives a label
 * stays the label's, and the media keys win over the image ones (←/→ seek audio instead of panning).
 */
export function defaultCommands(model: ConfigModel, media: readonly Command[] = []): Command[] {
  const commands: Command[] = [...labelCommands(model), ...media];
  const add = (c: Command) => commands.push(c);

  add({ id: 'undo', keys: ['mod+z'], undoable: false, wholeDocument: true, group: 'edit', title: title('undo'), enabled: writable, run: (s) => undo(s) });
  add({ id: 'redo', keys: ['mod+shift+z', 'mod+y'], undoable: false, wholeDocument: true, group: 'edit', title: title('redo'), enabled: writable, run: (s) => redo(s) });
  add({ id: 'delete', keys: ['delete', 'backspace'], undoable: true, wholeDocument: true, group: 'edit', title: title('delete'), enabled: (s) => writable(s) && hasSelection(s), run: deleteSelected });
  add({ id: 'selectAll', keys: ['mod+a'], undoable: false, group: 'edit', title: title('selectAll'), run: (s) => ({ selection: new Set([...s.doc.regions.values()].filter((r) => !r.hidden).map((r) => r.id)) }) });
  add({ id: 'deselect', keys: ['escape'], undoable: false, group: 'edit', title: title('deselect'), run: (s) => (s.selection.size > 0 ? { selection: new Set() } : s.active ? { active: null } : undefined) });
  add({ id: 'nextRegion', keys: ['tab'], undoable: false, group: 'edit', title: title('nextRegion'), run: (s) => selectNext(s, 1) });
  add({ id: 'previousRegion', keys: ['shift+tab'], undoable: false, group: 'edit', title: title('previousRegion'), run: (s) => selectNext(s, -1) });
  add({ id: 'toggleHidden', keys: ['shift+h'], undoable: true, wholeDocument: true, group: 'edit', title: title('toggleHidden'), enabled: hasSelection, run: (s) => toggleHidden(s, [...s.selection]) });
  add({ id: 'toggleLocked', keys: ['shift+l'], undoable: true, wholeDocument: true, group: 'edit', title: title('toggleLocked'), enabled: (s) => writable(s) && hasSelection(s), run: (s) => toggleLocked(s, [...s.selection]) });
  for (const [dir, dx, dy] of [['Left', -1, 0], ['Right', 1, 0], ['Up', 0, -1], ['Down', 0, 1]] as const) {
    const key = `arrow${dir.toLowerCase()}`;
    add({ id: `nudge${dir}`, keys: [key, `shift+${key}`], undoable: true, group: 'edit', title: title(`nudge${dir}`), enabled: (s) => writable(s) && hasSelection(s), run: (s) => nudgeSelected(s, dx, dy) });
    add({ id: `pan${dir}`, keys: [key], undoable: false, group: 'view', title: title(`pan${dir}`), run: (s) => ({ viewport: panBy(s.viewport, -dx * PAN_STEP, -dy * PAN_STEP) }) });
  }
  if (model.relations) {
    add({ id: 'relate', keys: ['alt+r'], undoable: true, group: 'edit', title: title('relate'), enabled: (s) => writable(s) && s.selection.size === 2, run: (s, env) => relateSelected(s, env.model, env.newId) });
  }
  add({ id: 'acceptSuggestion', keys: ['a'], undoable: true, wholeDocument: true, group: 'edit', title: title('acceptSuggestion'), enabled: writable, run: (s) => ({ doc: acceptSuggestions(s.doc, [...s.selection]) }) });
  add({ id: 'acceptAllSuggestions', keys: ['shift+a'], undoable: true, wholeDocument: true, group: 'edit', title: title('acceptAllSuggestions'), enabled: writable, run: (s) => ({ doc: acceptSuggestions(s.doc) }) });

  if (model.image || model.video) {
    add({ id: 'zoomIn', keys: ['+', '='], undoable: false, group: 'view', title: title('zoomIn'), run: (s) => ({ viewport: zoomAt(s.viewport, centre(s), ZOOM_STEP) }) });
    add({ id: 'zoomOut', keys: ['-'], undoable: false, group: 'view', title: title('zoomOut'), run: (s) => ({ viewport: zoomAt(s.viewport, centre(s), 1 / ZOOM_STEP) }) });
    add({ id: 'fit', keys: ['f'], undoable: false, group: 'view', title: title('fit'), run: (s) => (s.image ? { viewport: fitViewport(s.view, s.image) } : undefined) });
    add({ id: 'brighter', keys: ['b'], undoable: false, group: 'view', title: title('brighter'), run: (s) => adjust(s, 'brightness', ADJUST_STEP) });
    add({ id: 'darker', keys: ['shift+b'], undoable: false, group: 'view', title: title('darker'), run: (s) => adjust(s, 'brightness', -ADJUST_STEP) });
    add({ id: 'moreContrast', keys: ['c'], undoable: false, group: 'view', title: title('moreContrast'), run: (s) => adjust(s, 'contrast', ADJUST_STEP) });
    add({ id: 'lessContrast', keys: ['shift+c'], undoable: false, group: 'view', title: title('lessContrast'), run: (s) => adjust(s, 'contrast', -ADJUST_STEP) });
    add({ id: 'resetAdjust', keys: ['shift+r'], undoable: false, group: 'view', title: title('resetAdjust'), run: () => ({ adjust: { brightness: 1, contrast: 1 } }) });
  }
  for (const tool of model.tools) {
    add({ id: `tool.${tool}`, keys: [TOOL_KEYS[tool]], undoable: false, group: 'tools', title: title(`tool.${tool}`), run: () => ({ tool }) });
  }
  add({ id: 'submit', keys: ['enter'], undoable: false, group: 'task', title: title('submit'), enabled: writable, run: (_s, env) => void env.emit('submit') });
  add({ id: 'skip', keys: ['alt+s'], undoable: false, group: 'task', title: title('skip'), enabled: writable, run: (_s, env) => void env.emit('skip') });
  add({ id: 'help', keys: ['?'], undoable: false, group: 'task', title: title('help'), run: (_s, env) => void env.emit('help') });
  return commands;
}

/** One command per label hotkey: region labels are picked, choices toggled. */
function labelCommands(model: ConfigModel): Command[] {
  return model.hotkeys.map(({ control, value, key }): Command => {
    if (model.regionControls.has(control)) {
      return { id: `label.${control}.${value}`, keys: [key], undoable: true, wholeDocument: true, group: 'labels', title: title('pickLabel', { label: value }), run: (s, env) => pickLabel(s, env.model, control, value) };
    }
    const perRegion = model.classificationControls.find((c) => c.name === control)?.perRegion === true;
    return {
      id: `choice.${control}.${value}`, keys: [key], undoable: true, wholeDocument: true, group: 'labels', title: title('toggleChoice', { choice: value }),
      enabled: (s) => !s.readOnly && (!perRegion || s.selection.size === 1),
      run: (s, env) => ({ doc: toggleChoice(s.doc, env.model, env.newId, control, value, perRegion ? [...s.selection][0] : undefined) }),
    };
  });
}
