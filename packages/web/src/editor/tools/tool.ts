import type { ConfigModel } from '../config-model.js';
import type { Handle } from '../regions/index.js';
import type { Aabb, EditorDocument, EditorPatch, EditorState, ImageSize, Point, Region, RegionKindName } from '../types.js';

/** A pointer event as tools see it: both screen and world positions, and the modifier keys. */
export interface PointerInfo {
  screen: Point;
  world: Point;
  button: number;
  shift: boolean;
  alt: boolean;
  mod: boolean;
}

/** What a tool may do to the editor. Document edits go through a gesture: one gesture, one undo step. */
export interface ToolContext {
  readonly model: ConfigModel;
  state(): EditorState;
  /** The image size, or null until the image has loaded. */
  image(): ImageSize | null;
  /** Changes view state (selection, draft, hover, viewport); never the document. */
  patch(patch: EditorPatch): void;
  /** Starts a gesture: later `change` calls edit the document live, `commit` makes them one undo step. */
  begin(): void;
  /** The document as it was when the gesture began. */
  startDoc(): EditorDocument;
  change(update: (doc: EditorDocument) => EditorDocument): void;
  commit(): void;
  rollback(): void;
  /** The topmost visible region under a world point. */
  hitRegion(world: Point): Region | undefined;
  /** A handle of a selected, unlocked region under a screen point. */
  hitHandle(screen: Point): { region: Region; handle: Handle } | undefined;
  /** Ids of visible regions lying wholly inside a world rectangle. */
  regionsInside(area: Aabb): string[];
  /** How far, in world units, a few screen pixels reach at the current zoom (for hit-tests). */
  tolerance(): number;
  newId(): string;
  /** The control, object and labels a new region of `kind` gets from the active label. */
  newRegionTarget(kind: RegionKindName): { control: string; object: string; labels: string[] } | undefined;
}

/**
 * One state of a tool's state machine. Handlers return the next state (undefined: stay).
 * `onKey` returns null when the key is not the tool's, so the command registry gets it.
 */
export interface ToolState {
  readonly id: string;
  onPointerDown?(ctx: ToolContext, p: PointerInfo): ToolState | undefined;
  onPointerMove?(ctx: ToolContext, p: PointerInfo): ToolState | undefined;
  onPointerUp?(ctx: ToolContext, p: PointerInfo): ToolState | undefined;
  onDoubleClick?(ctx: ToolContext, p: PointerInfo): ToolState | undefined;
  onKey?(ctx: ToolContext, key: string): ToolState | null;
  /** Called when the editor leaves this state for another tool mid-gesture: undo any live change. */
  onCancel?(ctx: ToolContext): void;
}

/** Screen pixels a pointer must travel before a press becomes a drag. */
export const DRAG_THRESHOLD = 3;

export function movedBeyond(a: Point, b: Point, threshold = DRAG_THRESHOLD): boolean {
  return Math.abs(a.x - b.x) > threshold || Math.abs(a.y - b.y) > threshold;
}

/** A new region with the engine's defaults. */
export function newRegion(fields: Pick<Region, 'id' | 'control' | 'object' | 'geometry' | 'labels'>): Region {
  return { ...fields, version: 1, hidden: false, locked: false, extra: {}, valueExtra: {} };
}
