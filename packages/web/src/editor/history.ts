import type { EditorDocument, EditorState } from './types.js';

/** Undo steps kept; older ones drop off (documents share structure, so each step is small). */
export const HISTORY_LIMIT = 500;

/** The history after a change from `before` to a new document: `before` becomes undoable, redo is cleared. */
export function recordChange(history: EditorState['history'], before: EditorDocument): EditorState['history'] {
  const past = history.past.length >= HISTORY_LIMIT ? history.past.slice(1) : history.past;
  return { past: [...past, before], future: [] };
}

/** The patch that undoes the last change, or undefined when there is nothing to undo. */
export function undo(state: EditorState): Partial<EditorState> | undefined {
  const previous = state.history.past.at(-1);
  if (previous === undefined) return undefined;
  return {
    doc: previous,
    history: { past: state.history.past.slice(0, -1), future: [...state.history.future, state.doc] },
    selection: keepExisting(state.selection, previous),
  };
}

/** The patch that redoes the last undone change, or undefined. */
export function redo(state: EditorState): Partial<EditorState> | undefined {
  const next = state.history.future.at(-1);
  if (next === undefined) return undefined;
  return {
    doc: next,
    history: { past: [...state.history.past, state.doc], future: state.history.future.slice(0, -1) },
    selection: keepExisting(state.selection, next),
  };
}

/** The selection without regions that no longer exist in `doc`. */
export function keepExisting(selection: ReadonlySet<string>, doc: EditorDocument): ReadonlySet<string> {
  const kept = [...selection].filter((id) => doc.regions.has(id));
  return kept.length === selection.size ? selection : new Set(kept);
}
