import type { LabelConfig } from '@laoshi/core';
import { AnnotationEditor } from '../../editor-ui/index.js';

/** The real editor on a sample task, for the config builder's live preview (nothing is saved). */
export function EditorPreview({ config, task }: { config: LabelConfig; task: { id: number; data: Record<string, unknown> } }) {
  return (
    <div className="editor-preview" data-testid="config-preview">
      <AnnotationEditor key={JSON.stringify(config)} config={config} task={task} onChange={() => undefined} onSubmit={() => undefined} onSkip={() => undefined} />
    </div>
  );
}
