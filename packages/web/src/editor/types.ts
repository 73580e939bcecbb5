import type { ResultItem, Track } from '@laoshi/core';

// The engine's data. World coordinates are pixels of the original image (a rotation only means
// something where x and y share a scale); region geometry is stored in percent exactly as the
// Label Studio result carries it, so a result read in and written out again is unchanged.

/** A point in world (image pixel) or screen (CSS pixel) coordinates. */
export interface Point {
  x: number;
  y: number;
}

/** An axis-aligned rectangle as its edges; the shape rbush indexes. */
export interface Aabb {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface ImageSize {
  width: number;
  height: number;
}

/** A rectangle as Label Studio stores it: percent of the image, rotated clockwise about (x, y). */
export interface RectangleGeometry {
  kind: 'rectangle';
  x: number;
  y: number;
  width: number;
  height: number;
  rotation: number;
}

/** A polygon (closed) or a polyline (open), vertices in percent. */
export interface PolygonGeometry {
  kind: 'polygon';
  points: readonly (readonly [number, number])[];
  closed: boolean;
}

/** A keypoint in percent; `width` is Label Studio's optional point size. */
export interface KeypointGeometry {
  kind: 'keypoint';
  x: number;
  y: number;
  width?: number | undefined;
}

/** A text span as UTF-16 character offsets into the task text, half-open. */
export interface SpanGeometry {
  kind: 'span';
  start: number;
  end: number;
  text: string;
}

/**
 * An object tracked through a video: a box, polygon or polyline track as core keeps it (keyframes in
 * percent of the frame, 1-based frames as Label Studio counts them; the track's own id and label are
 * unused — the region's are the truth). On screen it is shown as the rectangle or polygon it has on
 * the current frame (see video/frame-lens.ts).
 */
export interface TrackGeometry {
  kind: 'track';
  track: Track;
}

/** A stretch of audio in seconds, half-open; `channel` as Label Studio stores it. */
export interface SegmentGeometry {
  kind: 'segment';
  start: number;
  end: number;
  channel?: number | undefined;
}

export type RegionGeometry = RectangleGeometry | PolygonGeometry | KeypointGeometry | SpanGeometry | TrackGeometry | SegmentGeometry;
export type RegionKindName = RegionGeometry['kind'];

/** A model's suggestion that the annotator has not accepted yet; it is left out of the result. */
export interface Suggestion {
  score?: number | undefined;
  modelVersion?: string | undefined;
  /** A tracker's proposal for the next frames of this track: accepting merges it into that track. */
  forRegion?: string | undefined;
}

/** One region: the shared id of every result item about it. */
export interface Region {
  id: string;
  /** Bumped on every change, so savers and views can tell an edited region from an old one. */
  version: number;
  /** The labels control (`from_name`). */
  control: string;
  /** The object it marks (`to_name`). */
  object: string;
  geometry: RegionGeometry;
  labels: readonly string[];
  hidden: boolean;
  locked: boolean;
  suggestion?: Suggestion | undefined;
  /** Keys of the input item the engine does not model (kept so a round trip loses nothing). */
  extra: Readonly<Record<string, unknown>>;
  /** Keys of the input item's `value` the engine does not model. */
  valueExtra: Readonly<Record<string, unknown>>;
}

export type ClassificationType = 'choices' | 'textarea' | 'rating' | 'number';

/** A value of a choices/textarea/rating/number control, for the whole task or for one region. */
export interface Classification {
  control: string;
  object: string;
  /** Set for per-region controls: the id of the region it describes. */
  regionId?: string | undefined;
  type: ClassificationType;
  /** choices → string[]; textarea → string[]; rating, number → number. */
  value: readonly string[] | number;
  suggestion?: Suggestion | undefined;
  extra: Readonly<Record<string, unknown>>;
  valueExtra: Readonly<Record<string, unknown>>;
}

export type RelationDirection = 'right' | 'left' | 'bi';

export interface Relation {
  /** Engine-local id (Label Studio relations have none). */
  id: string;
  from: string;
  to: string;
  direction: RelationDirection;
  labels: readonly string[];
  extra: Readonly<Record<string, unknown>>;
}

/** The undoable part of the state: everything that ends up in the result. */
export interface EditorDocument {
  /** In drawing order (later on top); also the order of the result. */
  regions: ReadonlyMap<string, Region>;
  relations: readonly Relation[];
  /** Keyed by `classificationKey(control, regionId)`. */
  classifications: ReadonlyMap<string, Classification>;
  /** Items the engine cannot edit (pairwise, ranker…), written back unchanged. */
  passthrough: readonly ResultItem[];
}

/** The map from world to screen: screen = world × scale + (x, y). */
export interface Viewport {
  x: number;
  y: number;
  scale: number;
}

export type ToolId = 'select' | 'pan' | 'rectangle' | 'polygon' | 'polyline' | 'keypoint';

/** An in-progress shape the overlay shows while a tool draws (world coordinates). */
export type Draft =
  | { kind: 'rectangle'; from: Point; to: Point }
  | { kind: 'polygon'; points: readonly Point[]; cursor: Point | null; closed: boolean }
  | { kind: 'marquee'; from: Point; to: Point };

/** The label that new regions get and that number keys pick. */
export interface ActiveLabel {
  control: string;
  label: string;
}

/** Playback of a video or audio object (view state: never undone, never saved). */
export interface PlaybackState {
  playing: boolean;
  /** Playback speed, 0.25–4. */
  rate: number;
}

/** The video on screen: frames are 1-based, frame f starts at (f − 1) / fps seconds. */
export interface VideoState extends PlaybackState {
  frame: number;
  fps: number;
  /** Frames in the video once known (1 until then). */
  frameCount: number;
  /** Frames that "propagate" copies a shape over and the tracker is asked for. */
  span: number;
  /** Where fps came from, for the controls to show. */
  fpsSource: 'task' | 'config' | 'media' | 'default';
  /** The tracker's work on the last request ("t"). */
  tracking: 'idle' | 'busy' | 'failed';
}

/** The audio on screen: seconds. */
export interface AudioState extends PlaybackState {
  time: number;
  duration: number | null;
  /** Playing loops the selected segment. */
  loop: boolean;
  /** Waveform zoom in pixels per second (0: fit the whole recording). */
  zoom: number;
}

export interface EditorState {
  doc: EditorDocument;
  history: { past: readonly EditorDocument[]; future: readonly EditorDocument[] };
  selection: ReadonlySet<string>;
  active: ActiveLabel | null;
  tool: ToolId;
  /** The current tool state's id, e.g. `rectangle.dragging`. */
  toolState: string;
  draft: Draft | null;
  hover: string | null;
  viewport: Viewport;
  /** Size of the drawing area in CSS pixels. */
  view: ImageSize;
  /** The image's natural size once known. */
  image: ImageSize | null;
  /** 1 = unchanged. */
  adjust: { brightness: number; contrast: number };
  readOnly: boolean;
  /** Set when the config has a video object. */
  video: VideoState | null;
  /** Set when the config has an audio object. */
  audio: AudioState | null;
}

export type EditorPatch = Partial<EditorState>;
