import { describe, expect, it } from 'vitest';
import en from '../src/i18n/locales/evaluations.en.json';
import zh from '../src/i18n/locales/evaluations.zh-CN.json';
import { localeKeys, usedKeys, type Tree } from './locale-keys.js';

describe('evaluation strings', () => {
  it('English and Chinese have the same keys', () => {
    expect([...localeKeys(zh as Tree)].sort()).toEqual([...localeKeys(en as Tree)].sort());
  });

  it('has every literal key the evaluation pages use, in both languages', () => {
    const known = localeKeys(en as Tree);
    const used = usedKeys(['app'], /'(evaluations\.[\w.-]+)'/g);
    expect(used.size).toBeGreaterThan(80);
    expect([...used].filter((k) => !known.has(k))).toEqual([]);
  });

  it('names every status, kind, source, reference, metric and COCO number the pages look up by value', () => {
    const known = localeKeys(en as Tree);
    const dynamic = [
      ...['queued', 'running', 'done', 'failed'].map((s) => `evaluations.status.${s}`),
      ...['classification', 'detection', 'segmentation', 'ner'].map((k) => `evaluations.kinds.${k}`),
      ...['model-version', 'predictions', 'file'].map((k) => `evaluations.source.${k}`),
      ...['accepted', 'gold'].map((k) => `evaluations.reference.${k}`),
      ...['exact', 'overlap'].map((k) => `evaluations.nerMatch.${k}`),
      ...['accuracy', 'macroF1', 'weightedF1', 'AP', 'AP50', 'AR100', 'precision', 'recall', 'f1'].map((k) => `evaluations.metrics.${k}`),
      ...['AP', 'AP50', 'AP75', 'APs', 'APm', 'APl', 'AR1', 'AR10', 'AR100', 'ARs', 'ARm', 'ARl'].map((k) => `evaluations.coco.${k}`),
      ...['macro', 'micro', 'weighted'].map((k) => `evaluations.report.${k}`),
    ];
    expect(dynamic.filter((k) => !known.has(k))).toEqual([]);
  });
});
