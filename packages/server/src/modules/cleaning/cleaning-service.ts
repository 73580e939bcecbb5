import { scopeProject } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import { startJob } from '../../jobs/job-runner.js';
import { toJobView, type JobView } from '../../jobs/job-service.js';
import { scanDuplicates, type DuplicateScanOptions } from './duplicate-scan.js';
import { redactPiiInPlace, type PiiRedactOptions } from './pii-redact.js';
import { scanPii, type PiiScanOptions } from './pii-scan.js';

async function jobView(ctx: AppContext, id: number): Promise<JobView> {
  return toJobView((await ctx.jobs.get(id))!);
}

/** Starts a duplicate scan of the project (managers); its groups replace the last scan's. */
export async function startDuplicateScan(ctx: AppContext, actor: Actor, projectId: number, input: Partial<DuplicateScanOptions>): Promise<JobView> {
  const { project } = await scopeProject(ctx, actor, projectId, 'manager');
  const options: DuplicateScanOptions = {
    exact: input.exact ?? true, text: input.text ?? true, textThreshold: input.textThreshold ?? 0.8, shingleSize: input.shingleSize ?? 5,
    images: input.images ?? true, imageDistance: input.imageDistance ?? 6,
  };
  const spec = { kind: 'duplicates', organizationId: project.organization_id, projectId, createdBy: actor.id, params: options };
  const { id } = await startJob(ctx, spec, (job) => scanDuplicates(ctx, job, project, options));
  return jobView(ctx, id);
}

/** Starts a PII scan (managers): counts and masked examples, nothing changed. */
export async function startPiiScan(ctx: AppContext, actor: Actor, projectId: number, input: Partial<PiiScanOptions>): Promise<JobView> {
  const { project } = await scopeProject(ctx, actor, projectId, 'manager');
  const options: PiiScanOptions = { kinds: input.kinds, examples: input.examples ?? 20 };
  const { id } = await startJob(ctx, { kind: 'pii-scan', organizationId: project.organization_id, projectId, createdBy: actor.id, params: options }, (job) => scanPii(ctx, job, project, options));
  return jobView(ctx, id);
}

/** Starts an in-place redaction (managers). WARNING: task data keeps no versions; the old text is gone. */
export async function startPiiRedact(ctx: AppContext, actor: Actor, projectId: number, options: PiiRedactOptions): Promise<JobView> {
  const { project } = await scopeProject(ctx, actor, projectId, 'manager');
  const params = { mask: options.mask, kinds: options.kinds };
  const { id } = await startJob(ctx, { kind: 'pii-redact', organizationId: project.organization_id, projectId, createdBy: actor.id, params }, (job) => redactPiiInPlace(ctx, job, project, actor.id, options));
  return jobView(ctx, id);
}
