import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LabelConfigError, XML_TAGS, parseLabelConfig, type AttributeKind } from '../../src/label-config/index.js';

/** Calls parseLabelConfig; anything thrown must be a LabelConfigError. */
function parsesOrRejectsCleanly(input: unknown): void {
  try {
    parseLabelConfig(input);
  } catch (error) {
    if (!(error instanceof LabelConfigError)) throw error;
    expect(typeof error.message).toBe('string');
  }
}

const tagName = fc.oneof({ weight: 30, arbitrary: fc.constantFrom(...Object.keys(XML_TAGS)) }, { weight: 1, arbitrary: fc.constant('Foo') });
const valueOfKind: Record<AttributeKind, fc.Arbitrary<string>> = {
  boolean: fc.constantFrom('true', 'false'),
  yesno: fc.constantFrom('yes', 'no'),
  number: fc.integer({ min: -2, max: 12 }).map(String),
  integer: fc.integer({ min: -2, max: 12 }).map(String),
  name: fc.constantFrom('a', 'b', 'c'),
  names: fc.constantFrom('a', 'b', 'a,b', 'c'),
  string: fc.constantFrom('$x', 'a', 'single', 'multiple', 'red', 'word', 'x'),
  ignored: fc.constant('x'),
  unsupported: fc.constant('x'),
};
/** Mostly the tag's own attributes with plausible values, now and then something wrong. */
const attributesFor = (tag: string) => {
  const spec = XML_TAGS[tag];
  const known = Object.entries(spec?.attributes ?? {}).filter(([, kind]) => kind !== 'unsupported');
  const good = known.length > 0 ? fc.constantFrom(...known).chain(([k, kind]) => valueOfKind[kind].map((v) => [k, v] as const)) : fc.constant(['name', 'a'] as const);
  const bad = fc.tuple(fc.constantFrom('colour', 'toString', 'name', 'value'), fc.string({ maxLength: 8 }));
  const attribute = fc.oneof({ weight: 30, arbitrary: good }, { weight: 1, arbitrary: bad });
  return fc.tuple(fc.nat(20), fc.uniqueArray(attribute, { maxLength: 4, selector: ([k]) => k }))
    .map(([dice, attrs]) => {
      const required = dice > 0 ? (spec?.required ?? []).filter((r) => !attrs.some(([k]) => k === r)) : [];
      return [...required.map((r) => [r, r === 'value' ? '$x' : 'a'] as const), ...attrs]
        .map(([k, v]) => ` ${k}="${v.replace(/["<&]/g, '')}"`).join('');
    });
};
const element = (tag: string, children: string[]) => attributesFor(tag)
  .map((attrs) => (children.length === 0 ? `<${tag}${attrs}/>` : `<${tag}${attrs}>${children.join('\n')}</${tag}>`));

/** Random trees of Label Studio tags: mostly wrong, often far enough to reach the schema and rules. */
const xmlTree: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
  node: fc.oneof(
    { maxDepth: 4 },
    tagName.chain((tag) => element(tag, [])),
    fc.tuple(tagName, fc.array(tie('node'), { maxLength: 4 })).chain(([tag, children]) => element(tag, children)),
  ),
})).node;

describe('parseLabelConfig on arbitrary input', () => {
  it('throws nothing but LabelConfigError on arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), parsesOrRejectsCleanly), { numRuns: 1000 });
  });

  it('throws nothing but LabelConfigError on strings that look like XML', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }).map((s) => `<${s}`), parsesOrRejectsCleanly), { numRuns: 1000 });
  });

  it('throws nothing but LabelConfigError on random Label Studio-like XML', () => {
    fc.assert(fc.property(xmlTree.map((inner) => `<View>${inner}</View>`), parsesOrRejectsCleanly), { numRuns: 1000 });
  });

  it('throws nothing but LabelConfigError on arbitrary JSON values and their text', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      parsesOrRejectsCleanly(value);
      parsesOrRejectsCleanly(JSON.stringify(value));
    }), { numRuns: 1000 });
  });

  it('throws nothing but LabelConfigError on config-shaped objects with arbitrary parts', () => {
    const anything = fc.anything({ maxDepth: 3 });
    const entry = fc.record({ name: fc.oneof(fc.constantFrom('a', 'b', 'image'), anything), type: fc.oneof(fc.constantFrom('image', 'text', 'choices', 'labels', 'relations', 'pairwise'), anything), value: fc.oneof(fc.constant('$x'), anything), toName: fc.oneof(fc.constant(['a']), anything), labels: anything, choices: anything }, { requiredKeys: [] });
    fc.assert(fc.property(fc.record({ objects: fc.array(entry, { maxLength: 3 }), controls: fc.array(entry, { maxLength: 3 }) }), parsesOrRejectsCleanly), { numRuns: 1000 });
  });

  it('does not hang on deep or large hostile input', () => {
    const started = Date.now();
    parsesOrRejectsCleanly('['.repeat(100_000));
    parsesOrRejectsCleanly(`${'<View>'.repeat(100_000)}`);
    parsesOrRejectsCleanly(`<View>${'<View/>'.repeat(60_000)}</View>`);
    parsesOrRejectsCleanly(`{"objects":${'['.repeat(50_000)}${']'.repeat(50_000)}}`);
    expect(Date.now() - started).toBeLessThan(15_000); // a hang guard, generous for loaded CI machines
  });
});
