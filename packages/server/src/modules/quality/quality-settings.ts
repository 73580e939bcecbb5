import { Type, type Static } from 'typebox';
import type { ProjectRow } from '../../db/schema.js';

/** A project's quality settings, as the API shows and takes them. */
export const QualitySettingsSchema = Type.Object({
  reviewRequired: Type.Boolean({ description: 'a task is done only once every submitted annotation is accepted (else once it reaches the overlap)' }),
  goldRate: Type.Number({ minimum: 0, maximum: 1, description: 'share of "next" calls that hand out a hidden gold task, while the annotator has gold left to do' }),
  goldIoUThreshold: Type.Number({ exclusiveMinimum: 0, maximum: 1, description: 'least IoU for a box or polygon to match gold' }),
  goldSpanMatch: Type.Union([Type.Literal('exact'), Type.Literal('overlap')], { description: 'NER spans match gold on identical offsets or on any overlap' }),
  goldKeypointSigma: Type.Number({ exclusiveMinimum: 0, maximum: 100, description: 'keypoint distance (percent of the image) at which similarity falls to 0.61' }),
});
export type QualitySettings = Static<typeof QualitySettingsSchema>;

export const QualitySettingsPatch = Type.Partial(QualitySettingsSchema, { additionalProperties: false });
export type QualitySettingsPatchInput = Static<typeof QualitySettingsPatch>;

export const DEFAULT_QUALITY_SETTINGS: QualitySettings = {
  reviewRequired: true,
  goldRate: 0,
  goldIoUThreshold: 0.5,
  goldSpanMatch: 'exact',
  goldKeypointSigma: 2,
};

/** The project's settings with defaults for anything not stored (the column holds only what was set). */
export function qualitySettingsOf(project: Pick<ProjectRow, 'quality_settings'>): QualitySettings {
  const stored = JSON.parse(project.quality_settings || '{}') as Partial<QualitySettings>;
  return { ...DEFAULT_QUALITY_SETTINGS, ...stored };
}
