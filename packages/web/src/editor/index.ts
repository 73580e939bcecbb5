// The editor engine, free of React: a store, tools as state machines, commands as data, region
// kinds, a spatial index and a canvas renderer. The React wrapper lives in ../editor-ui.
export { createEditor, type Editor, type EditorOptions, type MediaInfo, type Prediction, type PointerModifiers } from './editor.js';
export { createStore, type Store } from './store.js';
export type {
  ActiveLabel, AudioState, Classification, ClassificationType, Draft, EditorDocument, EditorPatch, EditorState, ImageSize, Point, Region,
  RegionGeometry, RegionKindName, Relation, RelationDirection, SegmentGeometry, Suggestion, ToolId, TrackGeometry, VideoState, Viewport,
} from './types.js';
export { CommandRegistry, type Command, type CommandEnv, type CommandGroup, type EditorEvent, type Title } from './commands/command.js';
export { keyName, normaliseCombo, type KeyInput } from './commands/keys.js';
export { buildConfigModel, labelColor, type ConfigModel, type RegionControl, type ClassificationControl, type LabelHotkey } from './config-model.js';
export { classificationKey, updateRegions, removeRegions, updateRelation, addRelation } from './document.js';
export { acceptSuggestions, addSegment, addSpan, moveSegment, deleteSelected, pickLabel, relateSelected, setClassification, toggleChoice, toggleHidden, toggleLocked } from './actions.js';
export { readResult, writeResult, type MediaFacts, type ResultInput } from './results-io.js';
export { normaliseSpan, spanSegments, validateSpan, type TextSegment } from './regions/span.js';
export { createCanvasRenderer, type CanvasRenderer, type RendererLayers, type RenderLayer, type RenderStats } from './render/canvas-renderer.js';
export { layerBox, type LayerShift } from './render/layer-shift.js';
export type { Draw2D } from './render/draw-surface.js';
export { regionCaption } from './render/region-style.js';
export { fitViewport, toScreen, toWorld, zoomAt } from './viewport.js';
export { isTrack, keyframeOn, trackShapeAt } from './regions/track.js';
export { formatTime, frameAt, frameStart, RATES, seekFrame, seekTime } from './video/playback.js';
export { keyframesFromResult, motionTracker, type Tracker, type TrackerAnswer, type TrackerRequest } from './video/tracker.js';
export { DEFAULT_TIMELINE, timelineHit, timelineRows, type TimelineHit, type TimelineLayout, type TimelineRow } from './video/timeline-layout.js';
export { createTimelineRenderer, type TimelineRenderer, type TimelineStats } from './render/timeline-renderer.js';
export { drawTimeline } from './render/draw-timeline.js';
