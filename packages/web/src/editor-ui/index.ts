// The annotation editor for the app. This file is the whole public surface of editor-ui:
//
//   <AnnotationEditor config={config} task={{ id, data }} initialResult={result}
//     predictions={[{ id, result, score, model_version }]} imageUrlFor={(v) => mediaUrl(v)}
//     onChange={(result) => save(result)} onSubmit={next} onSkip={(reason) => skip(reason)} />
//
// Images are fetched and decoded by `loadImage`; a host that shows task after task passes
// `loadImage={createImageCache(3, workerImageLoader())}` and asks it for the next task's image early.
//
// Strings come from react-i18next keys under `editor.` (i18n/locales/editor.*.json); the component
// imports its stylesheet (./editor.css, every rule scoped under .le-editor / .le-modal) itself.
export { AnnotationEditor, type AnnotationEditorProps } from './annotation-editor.js';
export { backendTracker, type PredictAnswer, type PredictCall } from './backend-tracker.js';
export { createImageCache, loadImage, workerImageLoader, type ImageLoad, type ImageLoader } from './image-load.js';
export type { EditorResultItem } from './editor-types.js';
export { useEditorState } from './use-editor-state.js';
export type { Editor, Prediction, RenderStats, ResultInput, Tracker } from '../editor/index.js';
