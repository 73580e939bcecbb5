import type { LabelConfig, ResultItem } from '@laoshi/core';
import { newRegionTarget } from './actions.js';
import { CommandRegistry, type Command, type CommandEnv, type EditorEvent } from './commands/command.js';
import { defaultCommands } from './commands/default-commands.js';
import { mediaCommands } from './commands/media-commands.js';
import { keyName, type KeyInput } from './commands/keys.js';
import { buildConfigModel, type ConfigModel } from './config-model.js';
import { recordChange, keepExisting } from './history.js';
import { hitHandle, hitRegion, HIT_SLOP, regionsInside } from './hit-test.js';
import { claimedImageSize, readResult, writeResult, type MediaFacts, type ResultInput } from './results-io.js';
import { SpatialIndex } from './spatial-index.js';
import { createStore, type Store } from './store.js';
import { idleState, type PointerInfo, type ToolContext, type ToolState } from './tools/index.js';
import { panDragging } from './tools/pan/pan-dragging.js';
import { putRegions } from './document.js';
import type { EditorDocument, EditorPatch, EditorState, ImageSize, Point, Region } from './types.js';
import { createFrameLens } from './video/frame-lens.js';
import { DEFAULT_FPS, frameAt, initialAudio, initialVideo } from './video/playback.js';
import { resolveCorrectedProposals } from './video/track-suggestions.js';
import { runTracker } from './video/run-tracker.js';
import type { Tracker } from './video/tracker.js';
import { fitViewport, IDENTITY_VIEWPORT, panBy, toWorld, wheelZoomFactor, zoomAt } from './viewport.js';

/** A model's output on the task, shown as suggestions. */
export interface Prediction {
  id?: string | number;
  result: readonly ResultInput[];
  score?: number | null;
  model_version?: string | null;
}

export interface EditorOptions {
  config: LabelConfig;
  initialResult?: readonly ResultInput[];
  predictions?: readonly Prediction[];
  readOnly?: boolean;
  /** Region ids; random by default, fixed in tests. */
  newId?: () => string;
  /** The video's frame rate from the task data; else the config's, else media info (setVideoInfo), else 24. */
  fps?: number | undefined;
  /** Proposes where the selected track goes next ("t"); see video/tracker.ts. */
  tracker?: Tracker | undefined;
}

/** What the page learns about the media once it has loaded. */
export interface MediaInfo {
  /** The frame size (video) in pixels. */
  width?: number | undefined;
  height?: number | undefined;
  /** Frames per second from the media's own metadata (used when neither the task nor the config gave one). */
  fps?: number | undefined;
  frameCount?: number | undefined;
  /** Seconds. */
  duration?: number | undefined;
}

export interface PointerModifiers {
  button?: number;
  shift?: boolean;
  alt?: boolean;
  mod?: boolean;
}

type Listener<T> = (value: T) => void;

/** The framework-free editor: state store, tools, commands and results. Made by `createEditor`. */
export interface Editor {
  readonly store: Store<EditorState>;
  readonly model: ConfigModel;
  readonly commands: CommandRegistry;
  /** The R-tree of image regions (kept in step with the document on demand). */
  readonly index: SpatialIndex;
  getState(): EditorState;
  /**
   * The state as the canvas shows it: on a video, tracks as their rectangle or polygon on the
   * current frame (tracks out of view left out); otherwise the state itself.
   */
  frameState(): EditorState;
  /** The result as Label Studio items (accepted regions only). */
  getResult(): ResultItem[];
  /** `change` fires once per committed edit (not on every pointer move of a drag). */
  on(event: 'change', listener: Listener<ResultItem[]>): () => void;
  on(event: EditorEvent, listener: Listener<void>): () => void;
  pointerDown(x: number, y: number, mods?: PointerModifiers): void;
  pointerMove(x: number, y: number, mods?: PointerModifiers): void;
  pointerUp(x: number, y: number, mods?: PointerModifiers): void;
  doubleClick(x: number, y: number, mods?: PointerModifiers): void;
  /** Wheel zooms about the cursor; a mostly sideways wheel pans. */
  wheel(x: number, y: number, deltaY: number, deltaX?: number): void;
  /** Returns true when the key was used (the caller should then prevent the default action). */
  keyDown(input: KeyInput): boolean;
  keyUp(input: KeyInput): void;
  /** Runs a command by id; false when it is unknown or disabled. */
  execute(id: string): boolean;
  /** Applies an edit made by the UI (classifications, relations, attributes) as one undo step. */
  edit(update: (doc: EditorDocument, env: CommandEnv) => EditorDocument): void;
  /** Runs an action `(state, env) → patch`; a document change in the patch becomes an undo step. */
  act(action: (state: EditorState, env: CommandEnv) => EditorPatch | undefined): void;
  /** Applies a view patch (selection, tool, active label…); never changes the document. */
  patch(patch: EditorPatch): void;
  setView(size: ImageSize): void;
  setImageSize(size: ImageSize): void;
  /** The video or audio has loaded: its size, frame rate, length. */
  setMediaInfo(info: MediaInfo): void;
  /** Playback reached media time `seconds` (the view reports it; the editor does not seek for it). */
  reportTime(seconds: number): void;
  destroy(): void;
}

/** The patch without a document change (view patches never edit the document). */
function viewOnly(patch: EditorPatch): EditorPatch {
  const { doc: _doc, history: _history, ...rest } = patch;
  return rest;
}

function randomId(): string {
  const bytes = new Uint8Array(8);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-'[b & 63]).join('').slice(0, 10);
}

/** Creates an editor for one task. */
export function createEditor(options: EditorOptions): Editor {
  const model = buildConfigModel(options.config);
  const newId = options.newId ?? randomId;
  const commands = new CommandRegistry(defaultCommands(model, mediaCommands(model, { tracker: options.tracker !== undefined })));
  const lens = createFrameLens();
  const index = new SpatialIndex();
  const listeners = new Map<string, Set<Listener<never>>>();
  const emit = (event: string, value?: unknown) => listeners.get(event)?.forEach((l) => (l as Listener<unknown>)(value));
  const env: CommandEnv = { model, newId, emit: (event) => emit(event) };

  let doc = readResult(model, options.initialResult ?? [], { newId });
  const taken = new Set(doc.regions.keys());
  for (const p of options.predictions ?? []) {
    doc = readResult(model, p.result, { newId, taken, suggestion: { score: p.score ?? undefined, modelVersion: p.model_version ?? undefined } }, doc);
  }
  const firstTool = model.tools.find((t) => t !== 'select' && t !== 'pan') ?? model.tools[0] ?? 'select';
  const store = createStore<EditorState>({
    doc, history: { past: [], future: [] }, selection: new Set(), active: null, tool: firstTool, toolState: idleState(firstTool).id,
    draft: null, hover: null, viewport: IDENTITY_VIEWPORT, view: { width: 0, height: 0 }, image: claimedImageSize(model, options.initialResult ?? []), adjust: { brightness: 1, contrast: 1 },
    readOnly: options.readOnly ?? false, video: initialVideoState(model, options.fps), audio: model.audio ? initialAudio() : null,
  });
  let tool: ToolState = idleState(firstTool);
  let gestureStart: EditorDocument | null = null;
  let emittedDoc = store.get().doc;
  let spaceHeld = false;
  const known: { frameCount?: number; duration?: number } = {};
  const state = () => store.get();
  const media = (): MediaFacts | undefined => {
    const v = state().video;
    return v ? { fps: v.fps, frameCount: v.frameCount } : undefined;
  };
  const result = () => writeResult(state().doc, state().image, media());
  // On a video, tools and most commands see the current frame through the lens (video/frame-lens.ts).
  let shown: { from: EditorState; to: EditorState } | null = null;
  const frameState = (): EditorState => {
    const s = state();
    if (s.video === null) return s;
    if (shown?.from === s) return shown.to;
    const doc = lens.view(s.doc, s.video.frame);
    shown = { from: s, to: doc === s.doc ? s : { ...s, doc } };
    return shown.to;
  };
  const isVideo = (object: string) => model.objects.get(object)?.type === 'video';
  /** The stored document after `edited`, a document made from the frame's view of `doc`. */
  const writeBack = (doc: EditorDocument, edited: EditorDocument): EditorDocument => {
    const frame = state().video?.frame;
    if (frame === undefined || edited === doc) return edited;
    return lens.writeBack(doc, edited, frame, isVideo);
  };
  /** At the end of an edit: tracker proposals corrected since `before` join their tracks. */
  const settle = (before: EditorDocument, after: EditorDocument): EditorDocument => {
    const frame = state().video?.frame;
    return frame === undefined ? after : resolveCorrectedProposals(before, after, frame);
  };

  const emitChangeIfNeeded = () => {
    const current = state().doc;
    if (gestureStart !== null || current === emittedDoc) return;
    emittedDoc = current;
    emit('change', result());
  };

  const setTool = (next: ToolState) => {
    tool = next;
    if (state().toolState !== next.id) store.set((s) => ({ ...s, toolState: next.id }));
  };

  const apply = (patch: EditorPatch | undefined, undoable: boolean) => {
    if (patch === undefined) return;
    const before = state();
    store.set((s) => {
      const next = { ...s, ...patch };
      if (patch.doc !== undefined && patch.doc !== s.doc) {
        if (undoable) next.history = recordChange(s.history, s.doc);
        next.selection = keepExisting(next.selection, next.doc);
      }
      return next;
    });
    if (patch.tool !== undefined && patch.tool !== before.tool) {
      tool.onCancel?.(ctx);
      setTool(idleState(patch.tool));
      store.set((s) => (s.draft ? { ...s, draft: null } : s));
    }
    emitChangeIfNeeded();
  };

  const ctx: ToolContext = {
    model,
    state: frameState,
    image: () => state().image,
    patch: (p) => apply(viewOnly(p), false),
    begin: () => {
      gestureStart ??= state().doc;
    },
    startDoc: () => {
      const start = gestureStart ?? state().doc;
      const frame = state().video?.frame;
      return frame === undefined ? start : lens.view(start, frame);
    },
    change: (update) => store.set((s) => ({ ...s, doc: writeBack(s.doc, update(frameState().doc)) })),
    commit: () => {
      const start = gestureStart;
      gestureStart = null;
      if (start !== null && state().video !== null) {
        const settled = settle(start, state().doc);
        if (settled !== state().doc) store.set((s) => ({ ...s, doc: settled }));
      }
      if (start !== null && start !== state().doc) store.set((s) => ({ ...s, history: recordChange(s.history, start) }));
      emitChangeIfNeeded();
    },
    rollback: () => {
      const start = gestureStart;
      gestureStart = null;
      if (start !== null) store.set((s) => ({ ...s, doc: start }));
    },
    hitRegion: (world) => {
      const s = frameState();
      index.sync(s.doc.regions, s.image);
      return hitRegion(s, index, world);
    },
    hitHandle: (screen) => hitHandle(frameState(), model, screen),
    regionsInside: (area) => {
      const s = frameState();
      index.sync(s.doc.regions, s.image);
      return regionsInside(s, index, area);
    },
    tolerance: () => HIT_SLOP / state().viewport.scale,
    newId,
    newRegionTarget: (kind) => newRegionTarget(frameState(), model, kind),
  };

  const info = (x: number, y: number, mods: PointerModifiers = {}): PointerInfo => {
    const screen: Point = { x, y };
    return { screen, world: toWorld(state().viewport, screen), button: mods.button ?? 0, shift: mods.shift ?? false, alt: mods.alt ?? false, mod: mods.mod ?? false };
  };
  const route = (handler: 'onPointerDown' | 'onPointerMove' | 'onPointerUp' | 'onDoubleClick', p: PointerInfo) => {
    const next = tool[handler]?.(ctx, p);
    if (next !== undefined) setTool(next);
  };
  const stateFor = (command: Command): EditorState => (command.wholeDocument === true ? state() : frameState());
  const run = (command: Command): void => {
    if (command.wholeDocument === true || state().video === null) return apply(command.run(state(), env), command.undoable);
    const before = state().doc;
    const patch = command.run(frameState(), env);
    apply(patch?.doc === undefined ? patch : { ...patch, doc: settle(before, writeBack(before, patch.doc)) }, command.undoable);
  };

  const editor: Editor = {
    store,
    model,
    commands,
    index,
    getState: state,
    frameState,
    getResult: result,
    on(event: string, listener: Listener<never>) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set.add(listener));
      return () => set.delete(listener);
    },
    pointerDown(x, y, mods) {
      const p = info(x, y, mods);
      // Space-drag and the middle button pan in every tool.
      if (spaceHeld || p.button === 1) return setTool(panDragging(p, () => idleState(state().tool)));
      route('onPointerDown', p);
    },
    pointerMove: (x, y, mods) => route('onPointerMove', info(x, y, mods)),
    pointerUp: (x, y, mods) => route('onPointerUp', info(x, y, mods)),
    doubleClick: (x, y, mods) => route('onDoubleClick', info(x, y, mods)),
    wheel(x, y, deltaY, deltaX = 0) {
      const v = state().viewport;
      const viewport = Math.abs(deltaX) > Math.abs(deltaY) ? panBy(v, -deltaX, 0) : zoomAt(v, { x, y }, wheelZoomFactor(deltaY));
      apply({ viewport }, false);
    },
    keyDown(input) {
      const key = keyName(input);
      // Space held pans the canvas; on an audio task it is play/pause instead.
      if (key === 'space' && (model.image !== undefined || model.video !== undefined)) {
        spaceHeld = true;
        return true;
      }
      const next = tool.onKey?.(ctx, key) ?? null;
      if (next !== null) {
        setTool(next);
        return true;
      }
      const command = commands.forKey(key, stateFor);
      if (command === undefined) return false;
      run(command);
      return true;
    },
    keyUp(input) {
      if (keyName(input) === 'space') spaceHeld = false;
    },
    execute(id) {
      const command = commands.get(id);
      if (command === undefined || !(command.enabled?.(stateFor(command)) ?? true)) return false;
      run(command);
      return true;
    },
    edit(update) {
      if (state().readOnly) return;
      apply({ doc: update(state().doc, env) }, true);
    },
    act(action) {
      const patch = action(state(), env);
      apply(state().readOnly && patch ? viewOnly(patch) : patch, true);
    },
    patch: (p) => apply(viewOnly(p), false),
    setView(size) {
      const s = state();
      if (s.view.width === size.width && s.view.height === size.height) return;
      // The first real size (or a size change before any zoom) fits the image.
      const refit = s.image !== null && (s.view.width === 0 || s.viewport === IDENTITY_VIEWPORT);
      apply({ view: size, ...(refit && s.image ? { viewport: fitViewport(size, s.image) } : {}) }, false);
    },
    setImageSize(size) {
      const s = state();
      // The size the result claimed (see claimedImageSize) is usually right: keep the view as it is.
      if (s.image?.width === size.width && s.image.height === size.height) return;
      apply({ image: size, ...(s.view.width > 0 ? { viewport: fitViewport(s.view, size) } : {}) }, false);
    },
    setMediaInfo(info) {
      const s = state();
      // The page reports in pieces (the browser's duration, the server's ffprobe facts), in any order.
      if (info.frameCount !== undefined && info.frameCount > 0) known.frameCount = Math.round(info.frameCount);
      if (info.duration !== undefined && Number.isFinite(info.duration) && info.duration > 0) known.duration = info.duration;
      if (s.video) {
        const fps = s.video.fpsSource === 'default' && info.fps !== undefined && info.fps > 0 ? info.fps : s.video.fps;
        const fpsSource = fps !== s.video.fps ? 'media' : s.video.fpsSource;
        const counted = Math.max(1, known.frameCount ?? (known.duration !== undefined ? Math.round(known.duration * fps) : s.video.frameCount));
        apply({ video: { ...s.video, fps, fpsSource, frameCount: counted, frame: Math.min(s.video.frame, counted) } }, false);
        if (info.width && info.height && (s.image?.width !== info.width || s.image.height !== info.height)) editor.setImageSize({ width: info.width, height: info.height });
      }
      if (s.audio && info.duration !== undefined) apply({ audio: { ...s.audio, duration: info.duration } }, false);
    },
    reportTime(seconds) {
      const s = state();
      if (s.video) {
        const frame = Math.min(frameAt(seconds, s.video.fps), s.video.frameCount);
        if (frame !== s.video.frame) apply({ video: { ...s.video, frame } }, false);
      } else if (s.audio && seconds !== s.audio.time) apply({ audio: { ...s.audio, time: seconds } }, false);
    },
    destroy() {
      stopTracking();
      listeners.clear();
    },
  };
  const addSuggestion = (region: Region) => apply({ doc: putRegions(state().doc, [region]) }, false);
  const stopTracking = options.tracker ? runTracker(editor, options.tracker, newId, addSuggestion) : () => undefined;
  return editor;
}

/** The video state a new editor starts with: fps from the task data, else the config, else the default. */
function initialVideoState(model: ReturnType<typeof buildConfigModel>, fps: number | undefined): EditorState['video'] {
  if (model.video === undefined) return null;
  if (fps !== undefined && fps > 0 && Number.isFinite(fps)) return initialVideo(fps, 'task');
  if (model.video.frameRate !== undefined) return initialVideo(model.video.frameRate, 'config');
  return initialVideo(DEFAULT_FPS, 'default');
}
