import { scopeProject } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import { recordAudit } from '../audit/audit-repository.js';
import { qualitySettingsOf, type QualitySettings, type QualitySettingsPatchInput } from './quality-settings.js';

/** The project's quality settings (reviewers and managers: annotators must not learn the gold rate). */
export async function getQualitySettings(ctx: AppContext, actor: Actor, projectId: number): Promise<QualitySettings> {
  const { project } = await scopeProject(ctx, actor, projectId, 'reviewer');
  return qualitySettingsOf(project);
}

/** Changes some quality settings (managers); the rest keep their values. */
export async function updateQualitySettings(ctx: AppContext, actor: Actor, projectId: number, patch: QualitySettingsPatchInput): Promise<QualitySettings> {
  const { project } = await scopeProject(ctx, actor, projectId, 'manager');
  const stored = JSON.parse(project.quality_settings || '{}') as Partial<QualitySettings>;
  const next = { ...stored, ...patch };
  const now = ctx.now();
  await ctx.db.transaction(async (trx) => {
    await trx.updateTable('projects').set({ quality_settings: JSON.stringify(next), updated_at: now }).where('id', '=', projectId).execute();
    await recordAudit(trx, { organizationId: project.organization_id, projectId, actorId: actor.id, action: 'project.quality_settings', objectType: 'project', objectId: projectId, data: { ...patch } }, now);
  });
  return qualitySettingsOf({ quality_settings: JSON.stringify(next) });
}
