// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { EvaluationReportPage } from '../src/app/evaluations/evaluation-report-page.js';
import { all, classificationReport, click, detectionReport, fakeApi, fmt3, meRoute, nerReport, one, renderAt, runView, until } from './evaluations-harness.js';

const PATTERN = '/projects/:projectId/evaluations/:evalId';

/** The report page for run 5 answering `run`, rendered and loaded. */
async function reportPage(run: ReturnType<typeof runView>, language: 'en' | 'zh-CN' = 'en') {
  const { api, calls } = fakeApi({ ...meRoute, 'GET /api/evaluations/5': () => ({ json: run }) });
  const el = renderAt({ api, pattern: PATTERN, path: '/projects/3/evaluations/5', element: <EvaluationReportPage />, language });
  await until(() => one(el, 'report-view'));
  return { el, calls };
}

describe('evaluation report page: classification', () => {
  const report = classificationReport();
  const cls = report.metrics.classification!;

  it('shows the headline numbers and the counts of tasks left out', async () => {
    const { el } = await reportPage(runView(5, report));
    for (const [key, value] of Object.entries(report.headline)) {
      expect(one(el, `headline-${key}`).textContent).toContain(fmt3(value!));
    }
    expect(one(el, 'headline-items').textContent).toContain(String(report.items));
    expect(one(el, 'headline-items').textContent).toContain(`${report.withoutPrediction} without a prediction`);
  });

  it('lists every label and the three averages in the per-class table', async () => {
    const { el } = await reportPage(runView(5, report));
    const rows = all(el, 'per-class-row');
    expect(rows.map((r) => r.dataset.label)).toEqual([...cls.report.labels, 'Macro average', 'Micro average', 'Weighted average']);
    cls.report.labels.forEach((label, i) => {
      const cells = [...rows[i]!.querySelectorAll('td')].map((td) => td.textContent);
      const m = cls.report.perClass[label]!;
      expect(cells).toEqual([fmt3(m.precision), fmt3(m.recall), fmt3(m.f1), String(m.support), fmt3(cls.averagePrecision![label]!)]);
    });
  });

  it('draws the confusion matrix as a heat map whose cells carry the counts and their row shares', async () => {
    const { el } = await reportPage(runView(5, report));
    const cells = all(el, 'confusion-cell');
    expect(cells).toHaveLength(cls.report.labels.length ** 2);
    cls.report.confusion.forEach((row, i) => {
      const total = row.reduce((a, b) => a + b, 0);
      row.forEach((n, j) => {
        const cell = cells[i * row.length + j]!;
        expect(cell.dataset.truth).toBe(cls.report.labels[i]);
        expect(cell.dataset.predicted).toBe(cls.report.labels[j]);
        expect(cell.querySelector('.count')?.textContent).toBe(String(n));
        expect(Number(cell.dataset.share)).toBeCloseTo(n / total, 4);
      });
    });
    // A larger share is a darker cell: compare the blue channel of the 8/10 cell and the 2/10 cell.
    const blue = (c: HTMLElement) => Number(/rgb\(\d+, \d+, (\d+)\)/.exec(c.style.background)?.[1]);
    expect(blue(cells[0]!)).toBeLessThan(blue(cells[1]!));
    expect(blue(cells[2]!)).toBe(255); // a zero count stays white
  });

  it('draws one PR curve per label; the legend hides and shows a curve', async () => {
    const { el } = await reportPage(runView(5, report));
    const chart = one(el, 'pr-chart');
    const series = all(chart, 'pr-series');
    expect(series.map((s) => Number(s.dataset.points))).toEqual(cls.report.labels.map((l) => cls.prCurves![l]!.recall.length));
    // recall runs left to right whatever order the curve came in (cat's came descending)
    const xs = series[0]!.getAttribute('points')!.split(' ').map((p) => Number(p.split(',')[0]));
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    const legend = [...chart.querySelectorAll<HTMLButtonElement>('.legend-item')];
    expect(legend[1]!.textContent).toContain(`dog (AP ${fmt3(cls.averagePrecision!.dog!)})`);
    click(legend[1]!);
    expect(legend[1]!.getAttribute('aria-pressed')).toBe('false');
    expect(all(chart, 'pr-series').map((s) => s.dataset.label)).not.toContain(legend[1]!.textContent);
    expect(all(chart, 'pr-series')).toHaveLength(cls.report.labels.length - 1);
    click(legend[1]!);
    expect(all(chart, 'pr-series')).toHaveLength(cls.report.labels.length);
  });

  it('draws each headline metric per slice with the gap between the best and the worst slice', async () => {
    const { el } = await reportPage(runView(5, report));
    const slices = report.slices!;
    const charts = all(el, 'slice-bars');
    expect(charts.map((c) => c.dataset.metric)).toEqual(['accuracy', 'macroF1', 'weightedF1']);
    charts.forEach((chart) => {
      const metric = chart.dataset.metric!;
      const bars = all(chart, 'slice-bar');
      expect(bars.map((b) => b.dataset.slice)).toEqual(['north', 'south', '(no value)']);
      expect(bars.map((b) => Number(b.dataset.value))).toEqual(slices.slices.map((s) => s.headline[metric]));
      const gap = slices.gaps[metric]!;
      expect(one(chart, 'slice-gap').textContent).toBe(`Gap ${fmt3(gap.gap)}: best “${gap.best}” − worst “${gap.worst}”`);
      expect(bars.map((b) => b.dataset.role)).toEqual(['best', 'worst', 'small']);
      // bar widths follow the values
      const widths = bars.map((b) => Number(b.querySelector('rect')!.getAttribute('width')));
      expect(widths[0]! / widths[1]!).toBeCloseTo(slices.slices[0]!.headline[metric]! / slices.slices[1]!.headline[metric]!, 5);
    });
    const rows = all(el, 'slice-row');
    expect(rows.map((r) => [r.dataset.slice, r.querySelector('td')?.textContent])).toEqual(slices.slices.map((s) => [s.value ?? '(no value)', String(s.items)]));
    expect(rows[2]!.textContent).toContain('too few tasks');
  });

  it('renders a label that looks like HTML as text', async () => {
    const { el } = await reportPage(runView(5, report));
    expect(el.querySelector('img')).toBeNull();
    expect(el.textContent).toContain('<img src=x onerror="window.pwned=1">');
    expect((window as { pwned?: number }).pwned).toBeUndefined();
  });

  it('links the JSON and HTML downloads to the attachment endpoints, in the page language', async () => {
    const { el } = await reportPage(runView(5, report), 'zh-CN');
    expect(one(el, 'download-json').getAttribute('href')).toBe('/api/evaluations/5/report.json');
    expect(one(el, 'download-html').getAttribute('href')).toBe('/api/evaluations/5/report.html?lang=zh-CN');
    expect(one(el, 'download-html').textContent).toBe('下载 HTML');
    expect(el.textContent).toContain('混淆矩阵');
  });

  it('shows the server warnings as text', async () => {
    const { el } = await reportPage(runView(5, report, { warnings: ['3 predictions name labels the config does not have: <b>zebra</b>'] }));
    expect(one(el, 'evaluation-warnings').textContent).toContain('<b>zebra</b>');
    expect(one(el, 'evaluation-warnings').querySelector('b')).toBeNull();
  });
});

describe('evaluation report page: detection and NER', () => {
  it('shows the 12 COCO numbers, the per-category table and PR curves without the -1 points', async () => {
    const report = detectionReport();
    const det = report.metrics.detection!;
    const { el } = await reportPage(runView(5, report));
    const keys = ['AP', 'AP50', 'AP75', 'APs', 'APm', 'APl', 'AR1', 'AR10', 'AR100', 'ARs', 'ARm', 'ARl'] as const;
    for (const key of keys) {
      const v = det.summary[key];
      expect(one(el, `coco-${key}`).querySelector('dd')?.textContent).toBe(v === -1 ? '—' : fmt3(v));
    }
    const rows = all(el, 'per-category-row');
    expect(rows.map((r) => r.dataset.label)).toEqual(Object.keys(det.perCategory));
    expect([...rows[0]!.querySelectorAll('td')].map((td) => td.textContent)).toEqual(keys.map((k) => (det.perCategory.car![k] === -1 ? '—' : fmt3(det.perCategory.car![k]))));
    const series = all(one(el, 'pr-chart'), 'pr-series');
    expect(series.map((s) => Number(s.dataset.points))).toEqual(Object.values(det.precisionAt50).map((p) => p.filter((x) => x >= 0).length));
    // The last point of car's curve sits at recall 0.80 (the plot spans x 40..428 for recall 0..1).
    const last = series[0]!.getAttribute('points')!.split(' ').at(-1)!;
    expect(Number(last.split(',')[0])).toBeCloseTo(40 + 0.8 * 388, 0);
    expect(el.querySelector('[data-testid="confusion-heatmap"]')).toBeNull();
  });

  it('shows NER micro and macro averages and the per-label table with the counts', async () => {
    const report = nerReport();
    const ner = report.metrics.ner!;
    const { el } = await reportPage(runView(5, report));
    const [micro, macro] = all(el, 'ner-row');
    expect([...micro!.querySelectorAll('td')].map((td) => td.textContent)).toEqual([fmt3(ner.micro.precision!), fmt3(ner.micro.recall!), fmt3(ner.micro.f1!), '9', '3', '4']);
    expect([...macro!.querySelectorAll('td')].slice(0, 3).map((td) => td.textContent)).toEqual([fmt3(ner.macro.precision!), fmt3(ner.macro.recall!), fmt3(ner.macro.f1!)]);
    const rows = all(el, 'ner-label-row');
    expect(rows.map((r) => r.dataset.label)).toEqual(['PER', 'ORG']);
    expect([...rows[1]!.querySelectorAll('td')].map((td) => td.textContent)).toEqual([fmt3(ner.perLabel.ORG!.precision!), fmt3(ner.perLabel.ORG!.recall!), fmt3(ner.perLabel.ORG!.f1!), '3', '1', '3']);
  });
});

describe('evaluation report page: a run in progress', () => {
  it('follows the job and shows the report once the run is done', async () => {
    let jobPolls = 0;
    let finished = false;
    const report = classificationReport();
    const { api } = fakeApi({
      ...meRoute,
      'GET /api/evaluations/5': () => ({ json: finished ? runView(5, report) : runView(5, null) }),
      'GET /api/jobs/45': () => {
        jobPolls++;
        finished = jobPolls >= 2;
        return { json: { id: 45, kind: 'evaluation', status: finished ? 'succeeded' : 'running', progress: { done: jobPolls, total: 2 }, message: null, result: null, error: null } };
      },
    });
    const el = renderAt({ api, pattern: PATTERN, path: '/projects/3/evaluations/5', element: <EvaluationReportPage /> });
    await until(() => expect(one(el, 'run-status').dataset.status).toBe('running'));
    await until(() => expect(one(el, 'model-job').textContent).toContain('1 / 2'));
    expect(el.querySelector('[data-testid="download-html"]')).toBeNull();
    await until(() => one(el, 'report-view'), 5000);
    expect(jobPolls).toBe(2);
    expect(one(el, 'download-html')).toBeTruthy();
  });

  it('shows why a run failed', async () => {
    const { api } = fakeApi({ ...meRoute, 'GET /api/evaluations/5': () => ({ json: runView(5, null, { status: 'failed', error: 'No task has an accepted annotation on "animal"' }) }) });
    const el = renderAt({ api, pattern: PATTERN, path: '/projects/3/evaluations/5', element: <EvaluationReportPage /> });
    await until(() => expect(one(el, 'run-status').dataset.status).toBe('failed'));
    expect(one(el, 'run-status').querySelector('[role="alert"]')?.textContent).toBe('No task has an accepted annotation on "animal"');
    expect(el.querySelector('[data-testid="report-view"]')).toBeNull();
  });

  it('says so when the run does not exist', async () => {
    const { api } = fakeApi({ ...meRoute, 'GET /api/evaluations/5': () => ({ status: 404, json: { error: { code: 'LAOSHI_EVALUATION_NOT_FOUND', message: 'evaluation run 5 not found' } } }) });
    const el = renderAt({ api, pattern: PATTERN, path: '/projects/3/evaluations/5', element: <EvaluationReportPage /> });
    await until(() => expect(el.querySelector('[role="alert"]')?.textContent).toBe('evaluation run 5 not found'));
  });
});
