import type { EvaluationRunReport } from '@laoshi/core';
import i18next from 'i18next';
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router-dom';
import { afterEach } from 'vitest';
import { ApiClient } from '../src/app/api/api-client.js';
import type { EvaluationRunView } from '../src/app/evaluations/evaluation-types.js';
import { SessionProvider } from '../src/app/session/session-context.js';
import appEn from '../src/i18n/locales/app.en.json';
import appZh from '../src/i18n/locales/app.zh-CN.json';
import en from '../src/i18n/locales/evaluations.en.json';
import zh from '../src/i18n/locales/evaluations.zh-CN.json';
import modelsEn from '../src/i18n/locales/models.en.json';
import modelsZh from '../src/i18n/locales/models.zh-CN.json';

// Shared by the evaluation page tests: a fake server behind the real ApiClient, the app's
// providers around a component, and hand-made reports whose numbers the tests read back.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

export interface Call {
  method: string;
  path: string;
  body: unknown;
}
export type Handler = (call: Call) => { status?: number; json?: unknown } | undefined;

/** A fake server: `routes` maps "GET /api/…" to a handler; every call is recorded. Unknown routes answer 404. */
export function fakeApi(routes: Record<string, Handler>) {
  const calls: Call[] = [];
  const fetchImpl = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const path = String(input);
    const body = init.body instanceof FormData ? init.body : typeof init.body === 'string' ? (JSON.parse(init.body) as unknown) : init.body;
    const call = { method, path, body };
    calls.push(call);
    const handler = routes[`${method} ${path}`];
    const out = handler?.(call) ?? { status: 404, json: { error: { code: 'LAOSHI_NOT_FOUND', message: `no route ${method} ${path}` } } };
    const status = out.status ?? 200;
    return new Response(status === 204 ? null : JSON.stringify(out.json ?? null), { status, headers: { 'content-type': 'application/json' } });
  };
  return { api: new ApiClient('', fetchImpl as typeof fetch), calls };
}

const ME = { user: { id: 1, email: 'm@example.com', name: 'M', role: 'admin', organizationId: 1 }, csrfToken: 'csrf' };

let root: Root | undefined;
let host: HTMLElement | undefined;
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
  root = undefined;
});

/** Shows where the router is, so a test can check a navigation. */
function Where() {
  const loc = useLocation();
  return <output data-testid="location">{loc.pathname + loc.search}</output>;
}

/** Renders `element` at `path` (matched by `pattern`) with i18n, the session and a router around it. */
export function renderAt(opts: { api: ApiClient; pattern: string; path: string; element: ReactNode; language?: 'en' | 'zh-CN' }): HTMLElement & { rerender(element: ReactNode): void } {
  const i18n = i18next.createInstance();
  void i18n.use(initReactI18next).init({
    resources: { en: { translation: { ...appEn, ...modelsEn, ...en } }, 'zh-CN': { translation: { ...appZh, ...modelsZh, ...zh } } },
    lng: opts.language ?? 'en',
    fallbackLng: 'en',
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  const el = Object.assign(document.createElement('div'), { rerender: (element: ReactNode) => draw(element) });
  host = el;
  document.body.append(el);
  root = createRoot(el);
  const draw = (element: ReactNode) =>
    act(() =>
      root?.render(
        <I18nextProvider i18n={i18n}>
          <SessionProvider api={opts.api}>
            <MemoryRouter initialEntries={[opts.path]}>
              <Routes>
                <Route path={opts.pattern} element={element} />
                <Route path="*" element={null} />
              </Routes>
              <Where />
            </MemoryRouter>
          </SessionProvider>
        </I18nextProvider>,
      ),
    );
  draw(opts.element);
  return el;
}

const tick = (ms: number) => act(async () => {
  await new Promise((r) => setTimeout(r, ms));
});

/**
 * Waits (real time) until `check` stops throwing. The waiting happens inside act() so the fake
 * server's answers render as they arrive; one more tick after the check lets trailing updates
 * (a button enabled again, a reload) settle before the test goes on.
 */
export async function until(check: () => void, timeoutMs = 4000): Promise<void> {
  const start = Date.now();
  for (;;) {
    await tick(15);
    try {
      check();
      await tick(15);
      return;
    } catch (err) {
      if (Date.now() - start > timeoutMs) throw err;
    }
  }
}

export const meRoute: Record<string, Handler> = { 'GET /api/auth/me': () => ({ json: ME }) };

export const all = (el: ParentNode, testId: string) => [...el.querySelectorAll<HTMLElement>(`[data-testid="${testId}"]`)];
export const one = (el: ParentNode, testId: string) => {
  const found = el.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  if (!found) throw new Error(`no [data-testid="${testId}"]`);
  return found;
};
export const fmt3 = (x: number) => x.toFixed(3);

/** Clicks like a user (React listens to bubbling clicks). */
export function click(el: Element) {
  act(() => {
    (el as HTMLElement).click();
  });
}

/** Sets a form field's value the way React notices (the native setter, then input/change events). */
export function setValue(el: HTMLInputElement | HTMLSelectElement, value: string) {
  act(() => {
    const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value);
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

// ---- hand-made reports ----

const LABELS = ['cat', 'dog', '<img src=x onerror="window.pwned=1">'];
/** confusion[i][j]: truth LABELS[i] predicted LABELS[j]. */
const CONFUSION = [
  [8, 2, 0],
  [1, 5, 4],
  [0, 0, 3],
];

/** A classification report computed from CONFUSION by hand (per-class precision = column share, recall = row share). */
export function classificationReport(overrides: Partial<EvaluationRunReport> = {}): EvaluationRunReport {
  const n = CONFUSION.flat().reduce((a, b) => a + b, 0);
  const perClass = Object.fromEntries(
    LABELS.map((label, i) => {
      const tp = CONFUSION[i]![i]!;
      const support = CONFUSION[i]!.reduce((a, b) => a + b, 0);
      const predicted = CONFUSION.reduce((a, row) => a + row[i]!, 0);
      const precision = tp / predicted;
      const recall = tp / support;
      return [label, { precision, recall, f1: (2 * precision * recall) / (precision + recall), support }];
    }),
  );
  const accuracy = CONFUSION.reduce((a, row, i) => a + row[i]!, 0) / n;
  const mean = (k: 'precision' | 'recall' | 'f1') => LABELS.reduce((a, l) => a + perClass[l]![k], 0) / LABELS.length;
  const wmean = (k: 'precision' | 'recall' | 'f1') => LABELS.reduce((a, l) => a + perClass[l]![k] * perClass[l]!.support, 0) / n;
  const macro = { precision: mean('precision'), recall: mean('recall'), f1: mean('f1') };
  const weighted = { precision: wmean('precision'), recall: wmean('recall'), f1: wmean('f1') };
  const headline = { accuracy, macroF1: macro.f1, weightedF1: weighted.f1 };
  return {
    kind: 'classification',
    reference: 'accepted',
    fromName: 'animal',
    source: { kind: 'model-version', label: 'v1' },
    items: n,
    withoutPrediction: 2,
    withoutReference: 1,
    headline,
    metrics: {
      classification: {
        report: { accuracy, macro, micro: { precision: accuracy, recall: accuracy, f1: accuracy }, weighted, perClass, labels: LABELS, confusion: CONFUSION, support: n },
        prCurves: {
          cat: { recall: [1, 0.8, 0.5, 0], precision: [0.4, 0.7, 0.9, 1] },
          dog: { recall: [0, 0.3, 1], precision: [1, 0.6, 0.33] },
          [LABELS[2]!]: { recall: [0, 1], precision: [1, 0.5] },
        },
        averagePrecision: { cat: 0.81, dog: 0.55, [LABELS[2]!]: 0.5 },
      },
    },
    slices: {
      field: 'meta.region',
      minSupport: 3,
      slices: [
        { value: 'north', items: 12, headline: { accuracy: 0.9, macroF1: 0.85, weightedF1: 0.88 }, metrics: {} },
        { value: 'south', items: 9, headline: { accuracy: 0.55, macroF1: 0.5, weightedF1: 0.52 }, metrics: {} },
        { value: null, items: 2, headline: { accuracy: 0.1, macroF1: 0.1, weightedF1: 0.1 }, metrics: {} },
      ],
      gaps: {
        accuracy: { best: 'north', worst: 'south', gap: 0.9 - 0.55 },
        macroF1: { best: 'north', worst: 'south', gap: 0.85 - 0.5 },
        weightedF1: { best: 'north', worst: 'south', gap: 0.88 - 0.52 },
      },
    },
    computedAt: Date.UTC(2025, 2, 1),
    durationMs: 12,
    ...overrides,
  };
}

const coco = (base: number) => ({ AP: base, AP50: base + 0.2, AP75: base - 0.1, APs: -1, APm: base - 0.05, APl: base + 0.05, AR1: base - 0.2, AR10: base, AR100: base + 0.1, ARs: -1, ARm: base, ARl: base + 0.1 });

/** A detection report: COCO numbers with -1 where no small objects exist, and PR points with -1 past each category's best recall. */
export function detectionReport(base = 0.5): EvaluationRunReport {
  const precisionAt50 = {
    car: Array.from({ length: 101 }, (_, i) => (i <= 80 ? 1 - i / 200 : -1)),
    person: Array.from({ length: 101 }, (_, i) => (i <= 40 ? 0.9 : -1)),
  };
  return {
    kind: 'detection',
    reference: 'gold',
    fromName: 'box',
    source: { kind: 'predictions', label: 'yolo-v8' },
    items: 20,
    withoutPrediction: 0,
    withoutReference: 0,
    headline: { AP: base, AP50: base + 0.2, AR100: base + 0.1 },
    metrics: { detection: { iouType: 'bbox', summary: coco(base), perCategory: { car: coco(base + 0.1), person: coco(base - 0.1) }, precisionAt50 } },
    slices: null,
    computedAt: Date.UTC(2025, 2, 1),
    durationMs: 40,
  };
}

export function nerReport(): EvaluationRunReport {
  const per = (tp: number, fp: number, fn: number) => ({ precision: tp / (tp + fp), recall: tp / (tp + fn), f1: (2 * tp) / (2 * tp + fp + fn), truePositives: tp, falsePositives: fp, falseNegatives: fn });
  const perLabel = { PER: per(6, 2, 1), ORG: per(3, 1, 3) };
  const micro = per(9, 3, 4);
  const macro = { precision: (perLabel.PER.precision + perLabel.ORG.precision) / 2, recall: (perLabel.PER.recall + perLabel.ORG.recall) / 2, f1: (perLabel.PER.f1 + perLabel.ORG.f1) / 2 };
  return {
    kind: 'ner',
    reference: 'accepted',
    fromName: 'ner',
    source: { kind: 'file', label: 'spans.json' },
    items: 5,
    withoutPrediction: 0,
    withoutReference: 0,
    headline: { precision: micro.precision, recall: micro.recall, f1: micro.f1 },
    metrics: { ner: { match: 'exact', micro, macro, perLabel } },
    slices: null,
    computedAt: Date.UTC(2025, 2, 1),
    durationMs: 3,
  };
}

/** A run view around a report (or none while it runs). */
export function runView(id: number, report: EvaluationRunReport | null, over: Partial<EvaluationRunView> = {}): EvaluationRunView & { report: EvaluationRunReport | null } {
  return {
    id,
    projectId: 3,
    name: `run ${id}`,
    kind: report?.kind ?? 'classification',
    reference: report?.reference ?? 'accepted',
    fromName: report?.fromName ?? 'animal',
    source: { kind: report?.source.kind ?? 'model-version', label: report?.source.label ?? 'v1' },
    sliceBy: report?.slices?.field ?? null,
    status: report ? 'done' : 'running',
    jobId: 40 + id,
    error: null,
    warnings: [],
    headline: report?.headline ?? null,
    items: report?.items ?? null,
    createdAt: new Date(Date.UTC(2025, 2, id)).toISOString(),
    createdBy: 1,
    finishedAt: report ? new Date(Date.UTC(2025, 2, id)).toISOString() : null,
    report,
    ...over,
  };
}
