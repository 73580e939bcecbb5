/** One problem found in a label config, located by a field path such as `controls[1].toName[0]`. */
export interface LabelConfigIssue {
  field?: string;
  message: string;
  line?: number;
  column?: number;
}

/** Thrown by `parseLabelConfig` and `labelConfigFromXml` for any invalid input. */
export class LabelConfigError extends Error {
  override readonly name = 'LabelConfigError';
  /** Path of the offending field in the JSON config, e.g. `controls[1].toName[0]`. */
  readonly field?: string;
  /** 1-based line in the Label Studio XML, when the input was XML. */
  readonly line?: number;
  /** 1-based column in the Label Studio XML, when known. */
  readonly column?: number;
  /** Every issue found; the first one is also in `message`, `field`, `line` and `column`. */
  readonly issues: readonly LabelConfigIssue[];

  constructor(message: string, options: { field?: string; line?: number; column?: number; issues?: readonly LabelConfigIssue[] } = {}) {
    super(message);
    if (options.field !== undefined) this.field = options.field;
    if (options.line !== undefined) this.line = options.line;
    if (options.column !== undefined) this.column = options.column;
    this.issues = options.issues ?? [{ message, ...pickLocation(options) }];
  }
}

function pickLocation(o: { field?: string; line?: number; column?: number }): Omit<LabelConfigIssue, 'message'> {
  const out: Omit<LabelConfigIssue, 'message'> = {};
  if (o.field !== undefined) out.field = o.field;
  if (o.line !== undefined) out.line = o.line;
  if (o.column !== undefined) out.column = o.column;
  return out;
}

/** Formats a zod-style path as `controls[1].toName[0]`, appended to `root` (e.g. `result`). */
export function formatPath(path: readonly PropertyKey[], root = ''): string {
  let out = root;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
