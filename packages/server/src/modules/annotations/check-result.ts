import { validateResult, type LabelConfig } from '@laoshi/core';
import { LaoshiError } from '../../errors.js';

/** Validates a result against the project's label config; 400 LAOSHI_INVALID_RESULT naming the first bad field. */
export function checkResult(config: LabelConfig, result: unknown, field = 'result'): unknown[] {
  const checked = validateResult(config, result);
  if (checked.ok) return checked.result;
  const first = checked.issues[0];
  const path = first ? `${field}${first.path.replace(/^result/, '')}` : field;
  throw new LaoshiError(400, 'LAOSHI_INVALID_RESULT', `${path}: ${first?.message ?? 'is not valid'}`, path, {
    issues: checked.issues.slice(0, 20).map((i) => ({ field: `${field}${i.path.replace(/^result/, '')}`, message: i.message })),
  });
}
