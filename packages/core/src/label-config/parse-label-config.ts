import type * as z from 'zod';
import { formatPath, LabelConfigError, type LabelConfigIssue } from './label-config-error.js';
import { labelConfigSchema, type LabelConfig } from './label-config-schema.js';
import { XML_LIMITS } from './xml-reader.js';
import { xmlToRawConfig, type XmlOrigin } from './xml-to-config.js';

export type LabelConfigValidation = { ok: true; config: LabelConfig } | { ok: false; issues: LabelConfigIssue[] };

/** Checks a JSON label config (already parsed from text) without throwing. */
export function validateLabelConfig(input: unknown): LabelConfigValidation {
  const parsed = labelConfigSchema.safeParse(input);
  if (parsed.success) return { ok: true, config: parsed.data };
  return { ok: false, issues: parsed.error.issues.map((issue) => toIssue(issue)) };
}

/**
 * Parses a label config given as a JSON object, a string holding JSON, or Label Studio XML
 * (a string starting with `<`); throws `LabelConfigError` on anything invalid.
 * @example parseLabelConfig('<View><Image name="img" value="$image"/>…</View>')
 */
export function parseLabelConfig(input: unknown): LabelConfig {
  if (typeof input !== 'string') return orThrow(validateLabelConfig(input));
  const text = input.replace(/^\uFEFF/, '').trimStart();
  if (text.startsWith('<')) return labelConfigFromXml(text);
  if (text.length > XML_LIMITS.maxChars) {
    throw new LabelConfigError(`label config JSON is too large: ${text.length} characters, the limit is ${XML_LIMITS.maxChars}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new LabelConfigError(`label config is neither Label Studio XML (starting with "<") nor valid JSON: ${reason}`);
  }
  return orThrow(validateLabelConfig(json));
}

/** Converts a Label Studio XML config into Laoshi's JSON config; throws `LabelConfigError` with the line. */
export function labelConfigFromXml(xml: string): LabelConfig {
  const { raw, origins } = xmlToRawConfig(xml);
  const parsed = labelConfigSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  return orThrow({ ok: false, issues: parsed.error.issues.map((issue) => toIssue(issue, origins)) });
}

function orThrow(result: LabelConfigValidation): LabelConfig {
  if (result.ok) return result.config;
  const [first, ...rest] = result.issues;
  const more = rest.length > 0 ? ` (and ${rest.length} more ${rest.length === 1 ? 'problem' : 'problems'})` : '';
  throw new LabelConfigError(`${first?.message ?? 'invalid label config'}${more}`, { ...first, issues: result.issues });
}

function toIssue(issue: z.core.$ZodIssue, origins?: Map<string, XmlOrigin>): LabelConfigIssue {
  const field = formatPath(issue.path);
  const origin = origins && findOrigin(origins, field);
  if (origin === undefined) return { field: field || 'config', message: field ? `${field}: ${issue.message}` : issue.message };
  const where = origin.attribute ? `attribute "${origin.attribute}" on <${origin.tag}>` : `<${origin.tag}>`;
  return { field, message: `${where} at line ${origin.line}: ${issue.message}`, line: origin.line, column: origin.column };
}

/** The origin of the longest recorded prefix of `field`: `controls[1].toName[0]` → `controls[1].toName`. */
function findOrigin(origins: Map<string, XmlOrigin>, field: string): XmlOrigin | undefined {
  for (let f = field; f !== ''; f = f.replace(/(\[\d+\]|\.[^.[\]]+|^[^.[\]]+)$/, '')) {
    const origin = origins.get(f);
    if (origin) return origin;
  }
  return undefined;
}
