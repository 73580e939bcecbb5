import type { LabelConfig } from '@laoshi/core';
import { scopeProject } from '../../access/scope.js';
import type { Actor, AppContext } from '../../context.js';
import type { ProjectRow } from '../../db/schema.js';
import { badRequest } from '../../errors.js';
import { peopleOf, submittedByTask, type PersonView, type SubmittedAnnotation } from './analysis-data.js';
import { CLASSIFICATION_METRICS, type AgreementCore, type AgreementMetric, type AgreementOptions, type Disagreement, type LabelAgreement, type PairAgreement } from './agreement-types.js';
import { classificationAgreement } from './classification-agreement.js';
import { pickControl, type ControlInfo } from './control-answers.js';
import { f1Agreement } from './f1-agreement.js';

export interface AgreementReport {
  metric: AgreementMetric;
  level: string | null;
  weights: string | null;
  fromName: string;
  threshold: number | null;
  spanMatch: string | null;
  value: number | null;
  items: number;
  raters: number;
  pairable: number;
  aggregate: AgreementCore['aggregate'];
  note: string | null;
  perLabel: LabelAgreement[];
  pairs: PairAgreement[];
  /** For a heatmap: values[i][j] is the agreement of annotators[i] and annotators[j] (null on the diagonal and where they share no task). */
  matrix: { annotators: PersonView[]; values: (number | null)[][] };
  /** The tasks with the most disagreement, most first: open them in the adjudication view. */
  disagreements: Disagreement[];
}

const isClassification = (metric: AgreementMetric) => (CLASSIFICATION_METRICS as readonly string[]).includes(metric);

function chooseControl(config: LabelConfig, options: AgreementOptions): { control: ControlInfo; metric: AgreementMetric } {
  const metric = options.metric;
  if (metric === 'region-f1') return { control: pickControl(config, options.fromName, ['region']), metric };
  if (metric === 'span-f1') return { control: pickControl(config, options.fromName, ['span']), metric };
  if (metric !== undefined) return { control: pickControl(config, options.fromName, ['classification']), metric };
  const control = pickControl(config, options.fromName, ['classification', 'region', 'span']);
  return { control, metric: control.kind === 'region' ? 'region-f1' : control.kind === 'span' ? 'span-f1' : 'krippendorff' };
}

/** The agreement numbers of a project's submitted annotations (see computeAgreement), for reviewers and managers. */
export async function projectAgreement(ctx: AppContext, actor: Actor, projectId: number, options: AgreementOptions): Promise<AgreementReport> {
  const { project } = await scopeProject(ctx, actor, projectId, 'reviewer');
  return computeAgreement(ctx, project, options, await submittedByTask(ctx, projectId));
}

/**
 * Inter-annotator agreement on one control of the project (`fromName`, default the first one a
 * metric applies to): percent agreement, Cohen's kappa (weighted by the choices' order in the
 * config), Fleiss' kappa or Krippendorff's alpha on classifications; region F1 (IoU-matched)
 * or span F1 on boxes, polygons and NER spans. Overall, per label, per annotator pair (and as a
 * matrix for a heatmap) and the tasks that disagree most.
 */
export async function computeAgreement(ctx: AppContext, project: ProjectRow, options: AgreementOptions, byTask: ReadonlyMap<number, SubmittedAnnotation[]>): Promise<AgreementReport> {
  const config = JSON.parse(project.label_config) as LabelConfig;
  const { control, metric } = chooseControl(config, options);
  if (options.level !== undefined && metric !== 'krippendorff') throw badRequest('level: only Krippendorff\'s alpha takes a level', 'level');
  if (options.weights !== undefined && metric !== 'cohen') throw badRequest("weights: only Cohen's kappa takes weights", 'weights');
  const level = metric === 'krippendorff' ? (options.level ?? 'nominal') : null;
  const threshold = metric === 'region-f1' ? (options.threshold ?? 0.5) : null;
  const spanMatch = metric === 'span-f1' ? (options.spanMatch ?? 'exact') : null;
  const core = isClassification(metric)
    ? classificationAgreement(byTask, control, { metric: metric as (typeof CLASSIFICATION_METRICS)[number], level: level ?? 'nominal', weights: options.weights })
    : f1Agreement(byTask, control, { threshold: threshold ?? 0.5, spanMatch: spanMatch ?? 'exact' });

  const people = await peopleOf(ctx, core.annotatorIds);
  const annotators = core.annotatorIds.map((id) => people.get(id) ?? { id, name: '', email: '' });
  const index = new Map(core.annotatorIds.map((id, i) => [id, i]));
  const values = annotators.map(() => annotators.map((): number | null => null));
  for (const p of core.pairs) {
    const [i, j] = [index.get(p.annotators[0])!, index.get(p.annotators[1])!];
    values[i]![j] = values[j]![i] = p.value;
  }
  const limit = options.limit ?? 20;
  const disagreements = core.disagreements
    .filter((d) => d.disagreement > 0)
    .sort((a, b) => b.disagreement - a.disagreement || a.taskId - b.taskId)
    .slice(0, limit);
  return {
    metric,
    level,
    weights: metric === 'cohen' ? (options.weights ?? null) : null,
    fromName: control.name,
    threshold,
    spanMatch,
    value: core.value,
    items: core.items,
    raters: core.raters,
    pairable: core.pairable,
    aggregate: core.aggregate,
    note: core.note ?? null,
    perLabel: core.perLabel,
    pairs: core.pairs,
    matrix: { annotators, values },
    disagreements,
  };
}
