import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LabelConfigError, labelConfigFromXml, parseLabelConfig, validateLabelConfig } from '../../src/label-config/index.js';
import { FUZZ_RUNS, mutated, parsesOrFailsTyped } from './mutations.js';
import { CONFIG_SEEDS, JSON_CONFIG_SEEDS } from './seeds.js';

// The label config parser on broken Label Studio templates, broken JSON configs, and DTD tricks
// of every shape: it returns a config or throws a LabelConfigError, quickly.
// parse-label-config.property.test.ts covers random strings and random tag trees.

const typed = (run: () => unknown) => parsesOrFailsTyped(LabelConfigError, run);

/** A DOCTYPE with entity declarations of random depth and width, used from inside a seed. */
const entityTrick = fc
  .record({
    depth: fc.integer({ min: 1, max: 12 }),
    width: fc.integer({ min: 1, max: 20 }),
    kind: fc.constantFrom('internal', 'system', 'public', 'parameter', 'bare'),
    placement: fc.constantFrom('prolog', 'inside', 'attribute'),
    seed: fc.constantFrom(...CONFIG_SEEDS),
  })
  .map(({ depth, width, kind, placement, seed }) => {
    const decls = [`<!ENTITY e0 "${kind === 'internal' ? 'lol' : ''}">`];
    for (let i = 1; i < depth; i++) decls.push(`<!ENTITY e${i} "${`&e${i - 1};`.repeat(width)}">`);
    if (kind === 'system') decls.push('<!ENTITY ext SYSTEM "file:///etc/passwd">');
    if (kind === 'public') decls.push('<!ENTITY ext PUBLIC "-//X//EN" "http://169.254.169.254/latest/meta-data/">');
    if (kind === 'parameter') decls.push('<!ENTITY % p SYSTEM "http://127.0.0.1/evil.dtd"> %p;');
    const ref = `&e${depth - 1};${kind === 'system' || kind === 'public' ? '&ext;' : ''}`;
    const dtd = kind === 'bare' ? decls.join('') : `<!DOCTYPE View [${decls.join('\n')}]>`;
    if (placement === 'prolog') return `<?xml version="1.0"?>${dtd}\n${seed.replace('<View>', `<View><Header value="${ref}"/>`)}`;
    if (placement === 'inside') return seed.replace('<View>', `<View>${dtd}<Header value="x"/>`).replace('</View>', `${ref}</View>`);
    return `${dtd}${seed.replace('value="$image"', `value="${ref}"`).replace('value="$text"', `value="${ref}"`)}`;
  });

describe('label config parser on hostile and broken input', () => {
  it('seeds are valid: every template converts', () => {
    for (const seed of CONFIG_SEEDS) expect(labelConfigFromXml(seed).controls.length).toBeGreaterThan(0);
    for (const seed of JSON_CONFIG_SEEDS) expect(parseLabelConfig(seed).controls.length).toBeGreaterThan(0);
  });

  it('mutated Label Studio templates: a config or a LabelConfigError', async () => {
    await fc.assert(fc.asyncProperty(mutated(CONFIG_SEEDS), async (xml) => {
      await typed(() => parseLabelConfig(xml));
      await typed(() => labelConfigFromXml(xml));
      // validate* reports problems instead of throwing: never throws at all.
      expect(() => validateLabelConfig(xml)).not.toThrow();
    }), FUZZ_RUNS);
  });

  it('mutated JSON configs, as text and as parsed values', async () => {
    await fc.assert(fc.asyncProperty(mutated(JSON_CONFIG_SEEDS), async (text) => {
      await typed(() => parseLabelConfig(text));
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        return;
      }
      await typed(() => parseLabelConfig(value));
      expect(() => validateLabelConfig(value)).not.toThrow();
    }), FUZZ_RUNS);
  });

  it('entity declarations of any depth, width and kind (billion laughs, XXE, parameter entities) are refused quickly', async () => {
    await fc.assert(fc.asyncProperty(entityTrick, async (xml) => {
      const started = Date.now();
      let thrown: unknown;
      try {
        parseLabelConfig(xml);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(LabelConfigError);
      expect((thrown as Error).message).not.toMatch(/root:|lollol/);
      expect(Date.now() - started).toBeLessThan(2_000);
    }), FUZZ_RUNS);
  });
});
