// @vitest-environment jsdom
import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EvaluationComparePage } from '../src/app/evaluations/evaluation-compare-page.js';
import type { EvaluationOptions } from '../src/app/evaluations/evaluation-types.js';
import { EvaluationsPanel } from '../src/app/evaluations/evaluations-panel.js';
import { all, classificationReport, click, detectionReport, fakeApi, fmt3, meRoute, one, renderAt, runView, setValue, until, type Handler } from './evaluations-harness.js';

const OPTIONS: EvaluationOptions = {
  controls: [
    { fromName: 'box', type: 'rectanglelabels', kinds: ['detection', 'segmentation'] },
    { fromName: 'animal', type: 'choices', kinds: ['classification'] },
    { fromName: 'ner', type: 'labels', kinds: ['ner'] },
  ],
  modelVersions: [{ modelVersion: 'yolo-v8', predictions: 12 }],
  builtinVersions: [{ id: 7, name: 'Text classifier #2', fromName: 'animal' }],
  sliceFields: ['region', 'meta.device'],
};

afterEach(() => vi.restoreAllMocks());

function panel(routes: Record<string, Handler>) {
  const { api, calls } = fakeApi({ ...meRoute, 'GET /api/projects/3/evaluations/options': () => ({ json: OPTIONS }), ...routes });
  const el = renderAt({ api, pattern: '/projects/:projectId/models', path: '/projects/3/models', element: <EvaluationsPanel projectId={3} /> });
  return { el, calls };
}

describe('evaluations panel', () => {
  it('lists the runs with their headline numbers and the live progress of a running one', async () => {
    const done = runView(2, classificationReport());
    let running = true;
    const { el } = panel({
      'GET /api/projects/3/evaluations': () => ({ json: { items: [running ? runView(3, null) : runView(3, detectionReport()), done] } }),
      'GET /api/jobs/43': () => {
        const wasRunning = running;
        running = false;
        return { json: { id: 43, kind: 'evaluation', status: wasRunning ? 'running' : 'succeeded', progress: { done: wasRunning ? 4 : 10, total: 10 }, message: null, result: null, error: null } };
      },
    });
    await until(() => expect(all(el, 'evaluation-run')).toHaveLength(2));
    const [first, second] = all(el, 'evaluation-run');
    expect(first!.dataset.status).toBe('running');
    await until(() => expect(one(first!, 'model-job').textContent).toContain('4 / 10'));
    expect(one(second!, 'run-headline').textContent).toBe(`Accuracy ${fmt3(done.headline!.accuracy!)}Macro F1 ${fmt3(done.headline!.macroF1!)}Weighted F1 ${fmt3(done.headline!.weightedF1!)}`);
    expect(one(second!, 'open-run').getAttribute('href')).toBe('/projects/3/evaluations/2');
    // the job ends: the list reloads and the run shows its numbers
    await until(() => expect(all(el, 'evaluation-run')[0]!.dataset.status).toBe('done'), 5000);
    expect(one(all(el, 'evaluation-run')[0]!, 'run-headline').textContent).toContain(`AP ${fmt3(0.5)}`);
  });

  it('compares two finished runs, the older as A', async () => {
    const { el } = panel({ 'GET /api/projects/3/evaluations': () => ({ json: { items: [runView(9, classificationReport()), runView(8, null), runView(4, classificationReport())] } }) });
    await until(() => expect(all(el, 'evaluation-run')).toHaveLength(3));
    const boxes = all(el, 'pick-run') as HTMLInputElement[];
    expect(boxes.map((b) => b.disabled)).toEqual([false, true, false]);
    expect((one(el, 'compare-runs') as HTMLButtonElement).disabled).toBe(true);
    click(boxes[0]!);
    click(boxes[2]!);
    expect((one(el, 'compare-runs') as HTMLButtonElement).disabled).toBe(false);
    click(one(el, 'compare-runs'));
    expect(one(el, 'location').textContent).toBe('/projects/3/evaluations/compare?a=4&b=9');
  });

  it('deletes a run after asking', async () => {
    let items = [runView(2, classificationReport())];
    const confirm = vi.spyOn(window, 'confirm').mockReturnValue(true);
    const { el, calls } = panel({
      'GET /api/projects/3/evaluations': () => ({ json: { items } }),
      'DELETE /api/evaluations/2': () => {
        items = [];
        return { status: 204 };
      },
    });
    await until(() => expect(all(el, 'evaluation-run')).toHaveLength(1));
    click(one(el, 'delete-run'));
    expect(confirm).toHaveBeenCalledWith('Delete the evaluation run “run 2” and its report?');
    await until(() => expect(el.textContent).toContain('No evaluation run yet.'));
    expect(calls.filter((c) => c.method === 'DELETE').map((c) => c.path)).toEqual(['/api/evaluations/2']);
  });

  it('starts a run of a built-in model version against accepted annotations, sliced by a suggested field', async () => {
    const { el, calls } = panel({
      'GET /api/projects/3/evaluations': () => ({ json: { items: [] } }),
      'POST /api/projects/3/evaluations': () => ({ status: 202, json: runView(11, null) }),
    });
    await until(() => one(el, 'new-evaluation'));
    const datalist = document.getElementById(one(el, 'eval-slice-by').getAttribute('list')!);
    expect([...datalist!.querySelectorAll('option')].map((o) => o.value)).toEqual(OPTIONS.sliceFields);
    // a built-in version predicts one control: the control is the version's and cannot be changed
    expect((one(el, 'eval-control') as HTMLSelectElement).value).toBe('animal');
    expect((one(el, 'eval-control') as HTMLSelectElement).disabled).toBe(true);
    setValue(one(el, 'eval-name') as HTMLInputElement, 'baseline');
    setValue(one(el, 'eval-slice-by') as HTMLInputElement, 'region');
    setValue(one(el, 'eval-min-support') as HTMLInputElement, '5');
    click(one(el, 'eval-start'));
    await until(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ name: 'baseline', reference: 'accepted', fromName: 'animal', kind: 'classification', sliceBy: 'region', minSupport: 5, source: { kind: 'model-version', modelVersionId: 7 } });
  });

  it('offers the IoU type for detection and the span match for NER, and sends stored predictions by model_version', async () => {
    const { el, calls } = panel({
      'GET /api/projects/3/evaluations': () => ({ json: { items: [] } }),
      'POST /api/projects/3/evaluations': () => ({ status: 202, json: runView(12, null) }),
    });
    await until(() => one(el, 'new-evaluation'));
    click(one(el, 'source-predictions'));
    expect((one(el, 'eval-model-version') as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('yolo-v8 (12 predictions)');
    setValue(one(el, 'eval-control') as HTMLSelectElement, 'animal');
    expect(el.querySelector('[data-testid="eval-iou-type"]')).toBeNull();
    setValue(one(el, 'eval-control') as HTMLSelectElement, 'box');
    expect([...(one(el, 'eval-kind') as HTMLSelectElement).options].map((o) => o.value)).toEqual(['detection', 'segmentation']);
    setValue(one(el, 'eval-iou-type') as HTMLSelectElement, 'segm');
    setValue(one(el, 'eval-reference') as HTMLSelectElement, 'gold');
    click(one(el, 'eval-start'));
    await until(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(1));
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ reference: 'gold', fromName: 'box', kind: 'detection', iouType: 'segm', source: { kind: 'predictions', modelVersion: 'yolo-v8' } });
    // NER: the match mode replaces the IoU type (the button is back once the first run was created)
    await until(() => expect((one(el, 'eval-start') as HTMLButtonElement).disabled).toBe(false));
    setValue(one(el, 'eval-control') as HTMLSelectElement, 'ner');
    expect(el.querySelector('[data-testid="eval-iou-type"]')).toBeNull();
    setValue(one(el, 'eval-ner-match') as HTMLSelectElement, 'overlap');
    click(one(el, 'eval-start'));
    await until(() => expect(calls.filter((c) => c.method === 'POST')).toHaveLength(2));
    expect(calls.filter((c) => c.method === 'POST')[1]!.body).toMatchObject({ fromName: 'ner', kind: 'ner', nerMatch: 'overlap' });
  });

  it('uploads a prediction file as multipart with the same fields', async () => {
    const { el, calls } = panel({
      'GET /api/projects/3/evaluations': () => ({ json: { items: [] } }),
      'POST /api/projects/3/evaluations/file': () => ({ status: 202, json: runView(13, null) }),
    });
    await until(() => one(el, 'new-evaluation'));
    click(one(el, 'source-file'));
    expect((one(el, 'eval-start') as HTMLButtonElement).disabled).toBe(true);
    const input = one(el, 'eval-file') as HTMLInputElement;
    const file = new File(['[{"id":1}]'], 'preds.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file] });
    act(() => {
      input.dispatchEvent(new Event('change', { bubbles: true }));
    });
    await until(() => expect((one(el, 'eval-start') as HTMLButtonElement).disabled).toBe(false));
    click(one(el, 'eval-start'));
    await until(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    const form = calls.find((c) => c.method === 'POST')!.body as FormData;
    expect(form).toBeInstanceOf(FormData);
    expect(Object.fromEntries([...form.entries()].filter(([k]) => k !== 'file'))).toEqual({ reference: 'accepted', fromName: 'box', kind: 'detection', iouType: 'bbox' });
    expect((form.get('file') as File).name).toBe('preds.json');
  });

  it('offers a model version trained after the panel opened', async () => {
    let options: EvaluationOptions = { ...OPTIONS, builtinVersions: [], modelVersions: [] };
    const { api, calls } = fakeApi({
      ...meRoute,
      'GET /api/projects/3/evaluations/options': () => ({ json: options }),
      'GET /api/projects/3/evaluations': () => ({ json: { items: [] } }),
      'POST /api/projects/3/evaluations': () => ({ status: 202, json: runView(14, null) }),
    });
    const el = renderAt({ api, pattern: '/projects/:projectId/models', path: '/projects/3/models', element: <EvaluationsPanel projectId={3} refresh={0} /> });
    await until(() => one(el, 'new-evaluation'));
    click(one(el, 'source-model-version'));
    expect((one(el, 'eval-start') as HTMLButtonElement).disabled).toBe(true);
    options = OPTIONS;
    el.rerender(<EvaluationsPanel projectId={3} refresh={1} />);
    await until(() => expect((one(el, 'eval-builtin') as HTMLSelectElement).value).toBe('7'));
    // the version's control is picked with it
    expect((one(el, 'eval-control') as HTMLSelectElement).value).toBe('animal');
    click(one(el, 'eval-start'));
    await until(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')!.body).toMatchObject({ fromName: 'animal', source: { kind: 'model-version', modelVersionId: 7 } });
  });

  it('shows the server error naming the field', async () => {
    const { el } = panel({
      'GET /api/projects/3/evaluations': () => ({ json: { items: [] } }),
      'POST /api/projects/3/evaluations': () => ({ status: 400, json: { error: { code: 'LAOSHI_BAD_REQUEST', message: 'sliceBy: no task has the field "regoin"', field: 'sliceBy' } } }),
    });
    await until(() => one(el, 'new-evaluation'));
    click(one(el, 'eval-start'));
    await until(() => expect(one(el, 'new-evaluation').querySelector('[role="alert"]')?.textContent).toBe('sliceBy: no task has the field "regoin"'));
  });
});

describe('compare page', () => {
  function comparePage(a = runView(4, classificationReport()), b = runView(9, classificationReport({ headline: { accuracy: 0.9, macroF1: 0.5, weightedF1: null } }))) {
    const { api } = fakeApi({ ...meRoute, 'GET /api/evaluations/4': () => ({ json: a }), 'GET /api/evaluations/9': () => ({ json: b }) });
    const el = renderAt({ api, pattern: '/projects/:projectId/evaluations/compare', path: '/projects/3/evaluations/compare?a=4&b=9', element: <EvaluationComparePage /> });
    return { el, a, b };
  }

  it('shows both runs side by side with the headline deltas (B − A)', async () => {
    const { el, a } = comparePage();
    await until(() => one(el, 'compare-headline'));
    expect(one(el, 'compare-A').textContent).toContain('run 4');
    expect(one(el, 'compare-B').textContent).toContain('run 9');
    const rows = all(el, 'compare-headline-row').map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent));
    const ha = a.headline!;
    const d = (x: number) => (x > 0 ? `+${fmt3(x)}` : `−${fmt3(-x)}`);
    expect(rows).toEqual([
      [fmt3(ha.accuracy!), '0.900', d(0.9 - ha.accuracy!)],
      [fmt3(ha.macroF1!), '0.500', d(0.5 - ha.macroF1!)],
      [fmt3(ha.weightedF1!), '—', '—'],
    ]);
    const cells = all(el, 'compare-headline-row').map((r) => r.querySelectorAll('td')[2]!.className);
    expect(cells[0]).toContain(0.9 > ha.accuracy! ? 'better' : 'worse');
    expect(cells[1]).toContain(0.5 > ha.macroF1! ? 'better' : 'worse');
    expect(all(el, 'compare-gap-row').map((r) => r.dataset.label)).toEqual(['Accuracy', 'Macro F1', 'Weighted F1']);
    // an equal gap is no change
    expect(all(el, 'compare-gap-row')[0]!.querySelectorAll('td')[2]!.textContent).toBe('0.000');
  });

  it('overlays the PR curves of both runs, A solid and B dashed, and narrows to one label', async () => {
    const { el, a } = comparePage();
    await until(() => one(el, 'compare-pr-chart'));
    const labels = a.report!.metrics.classification!.report.labels;
    const series = all(one(el, 'compare-pr-chart'), 'pr-series');
    expect(series.map((s) => s.dataset.label)).toEqual(labels.flatMap((l) => [`A · ${l}`, `B · ${l}`]));
    expect(series.map((s) => s.getAttribute('stroke-dasharray') ?? '')).toEqual(labels.flatMap(() => ['', '5 3']));
    setValue(one(el, 'compare-curve-label') as HTMLSelectElement, 'dog');
    expect(all(one(el, 'compare-pr-chart'), 'pr-series').map((s) => s.dataset.label)).toEqual(['A · dog', 'B · dog']);
  });

  it('compares detection runs by AP per category and links the HTML comparison', async () => {
    const { el } = comparePage(runView(4, detectionReport(0.4)), runView(9, detectionReport(0.6)));
    await until(() => one(el, 'compare-per-label'));
    const rows = all(el, 'compare-label-row').map((r) => [r.dataset.label, ...[...r.querySelectorAll('td')].map((td) => td.textContent)]);
    expect(rows).toEqual([
      ['car', fmt3(0.5), fmt3(0.7), `+${fmt3(0.2)}`],
      ['person', fmt3(0.3), fmt3(0.5), `+${fmt3(0.2)}`],
    ]);
    expect(one(el, 'download-compare-html').getAttribute('href')).toBe('/api/projects/3/evaluations/compare.html?ids=4,9&lang=en');
  });
});
