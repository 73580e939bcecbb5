// The editor engine, free of React: a store, tools as state machines, commands as data, region
// kinds, a spatial index and a canvas renderer. The React wrapper lives in ../editor-ui.
export { createEditor, type Editor, type EditorOptions, type Prediction, type PointerModifiers } from './editor.js';
export { createStore, type Store } from './store.js';
export type {
  ActiveLabel, Classification, ClassificationType, Draft, EditorDocument, EditorPatch, EditorState, ImageSize, Point, Region,
  RegionGeometry, RegionKindName, Relation, RelationDirection, Suggestion, ToolId, Viewport,
} from './types.js';
export { CommandRegistry, type Command, type CommandEnv, type CommandGroup, type EditorEvent, type Title } from './commands/command.js';
export { keyName, normaliseCombo, type KeyInput } from './commands/keys.js';
export { buildConfigModel, labelColor, type ConfigModel, type RegionControl, type ClassificationControl, type LabelHotkey } from './config-model.js';
export { classificationKey, updateRegions, removeRegions, updateRelation, addRelation } from './document.js';
export { acceptSuggestions, addSpan, deleteSelected, pickLabel, relateSelected, setClassification, toggleChoice, toggleHidden, toggleLocked } from './actions.js';
export { readResult, writeResult, type ResultInput } from './results-io.js';
export { normaliseSpan, spanSegments, validateSpan, type TextSegment } from './regions/span.js';
export { createCanvasRenderer, type CanvasRenderer, type RendererLayers, type RenderLayer, type RenderStats } from './render/canvas-renderer.js';
export { layerBox, type LayerShift } from './render/layer-shift.js';
export type { Draw2D } from './render/draw-surface.js';
export { regionCaption } from './render/region-style.js';
export { fitViewport, toScreen, toWorld, zoomAt } from './viewport.js';
