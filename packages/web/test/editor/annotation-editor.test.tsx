// @vitest-environment jsdom
import { parseLabelConfig, type LabelConfigInput } from '@laoshi/core';
import i18next from 'i18next';
import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AnnotationEditor, type AnnotationEditorProps } from '../../src/editor-ui/index.js';
import en from '../../src/i18n/locales/editor.en.json';
import zh from '../../src/i18n/locales/editor.zh-CN.json';
import { IMAGE_CONFIG } from './harness.js';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

beforeAll(() => {
  // jsdom has no canvas: the editor renders its panels and skips the canvas renderer.
  HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;
});

let root: Root | undefined;
let host: HTMLElement | undefined;
afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
});

function render(node: ReactNode, language = 'en') {
  const i18n = i18next.createInstance();
  void i18n.use(initReactI18next).init({ resources: { en: { translation: en }, 'zh-CN': { translation: zh } }, lng: language, initAsync: false, interpolation: { escapeValue: false } });
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root?.render(<I18nextProvider i18n={i18n}>{node}</I18nextProvider>));
  return host;
}

function editor(props: Omit<Partial<AnnotationEditorProps>, 'config'> & { config?: LabelConfigInput } = {}, language?: string) {
  const callbacks = { onChange: vi.fn(), onSubmit: vi.fn(), onSkip: vi.fn() };
  const el = render(
    <AnnotationEditor task={{ id: 7, data: { image: '/img.png', text: 'Ada <img src=x onerror="alert(1)"> Lovelace', html: '<p>Hi <b>there</b><script>alert(1)</script><img src="x" onerror="alert(2)"></p>' } }} {...callbacks} {...props} config={parseLabelConfig(props.config ?? IMAGE_CONFIG)} />,
    language,
  );
  return { el, ...callbacks };
}

function press(key: string, init: KeyboardEventInit = {}, target: EventTarget = window) {
  act(() => {
    target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init }));
  });
}

/** Sets a field's value the way React notices (through the native setter) and fires input. */
function type(field: HTMLTextAreaElement, value: string) {
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(field, value);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

const TEXT_CONFIG: LabelConfigInput = {
  objects: [{ type: 'text', name: 'txt', value: '$text' }, { type: 'hypertext', name: 'page', value: '$html' }],
  controls: [
    { type: 'labels', name: 'ner', toName: ['txt'], labels: [{ value: 'PER' }, { value: 'ORG' }] },
    { type: 'textarea', name: 'note', toName: ['txt'] },
    { type: 'rating', name: 'stars', toName: ['txt'] },
  ],
};

describe('<AnnotationEditor>', () => {
  it('shows the labels with their hotkeys and the region counts of the initial result', () => {
    const { el } = editor({
      initialResult: [
        { id: 'a', from_name: 'box', to_name: 'img', type: 'rectanglelabels', value: { x: 0, y: 0, width: 5, height: 5, rotation: 0, rectanglelabels: ['Car'] } },
        { id: 'b', from_name: 'box', to_name: 'img', type: 'rectanglelabels', value: { x: 9, y: 9, width: 5, height: 5, rotation: 0, rectanglelabels: ['Car'] } },
      ],
    });
    expect(el.querySelector('[data-testid="label-Car"]')?.textContent).toBe('Car1');
    expect(el.querySelector('[data-testid="label-counts"]')?.textContent).toContain('Car 2');
    expect(el.querySelectorAll('[data-testid="region-row"]')).toHaveLength(2);
  });

  it('a number key picks a label; Enter submits', () => {
    const { el, onSubmit } = editor();
    press('2');
    expect(el.querySelector('[data-testid="label-Person"]')?.getAttribute('aria-pressed')).toBe('true');
    press('Enter');
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it('keys typed into a field stay in the field', () => {
    const { el, onSubmit } = editor({ config: TEXT_CONFIG });
    const field = el.querySelector('textarea');
    expect(field).not.toBeNull();
    press('Enter', {}, field as HTMLTextAreaElement);
    press('1', {}, field as HTMLTextAreaElement);
    expect(onSubmit).not.toHaveBeenCalled();
    expect(el.querySelector('[data-testid="label-PER"]')?.getAttribute('aria-pressed')).toBe('false');
  });

  it('renders task text as text, never as markup', () => {
    const { el } = editor({ config: TEXT_CONFIG });
    const text = el.querySelector('[data-testid="text-txt"]');
    expect(text?.textContent).toBe('Ada <img src=x onerror="alert(1)"> Lovelace');
    expect(text?.querySelector('img')).toBeNull();
  });

  it('renders HyperText sanitized: no scripts, no event handlers', async () => {
    const { el } = editor({ config: TEXT_CONFIG });
    const page = el.querySelector('[data-testid="hypertext-page"]');
    // The sanitizer is loaded on first use.
    await act(async () => {
      await import('../../src/editor-ui/sanitize-html.js');
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(page?.getAttribute('aria-busy')).toBe('false');
    expect(page?.querySelector('b')?.textContent).toBe('there');
    expect(page?.querySelector('script')).toBeNull();
    expect(page?.innerHTML).not.toContain('onerror');
  });

  it('selecting text with the mouse adds a span with the active label', () => {
    const { el, onChange } = editor({ config: TEXT_CONFIG });
    press('1');
    const segment = el.querySelector('[data-testid="text-txt"] [data-start="0"]');
    const node = segment?.firstChild as Text;
    const range = document.createRange();
    range.setStart(node, 0);
    range.setEnd(node, 3);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    act(() => {
      segment?.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
    });
    expect(onChange).toHaveBeenLastCalledWith([expect.objectContaining({ type: 'labels', value: { start: 0, end: 3, text: 'Ada', labels: ['PER'] } })]);
    const span = el.querySelector('.le-span');
    expect(span?.textContent).toBe('Ada');
    expect(span?.getAttribute('data-tags')).toBe('PER');
  });

  it('a rating click is a change; the text answer is committed when the field loses focus', () => {
    const { el, onChange } = editor({ config: TEXT_CONFIG });
    act(() => (el.querySelectorAll('.le-star')[3] as HTMLButtonElement).click());
    expect(onChange).toHaveBeenLastCalledWith([expect.objectContaining({ type: 'rating', value: { rating: 4 } })]);
    const field = el.querySelector('textarea') as HTMLTextAreaElement;
    type(field, 'two');
    expect(onChange).toHaveBeenCalledTimes(1);
    act(() => {
      field.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    });
    expect(onChange).toHaveBeenCalledTimes(2);
    expect(onChange).toHaveBeenLastCalledWith(expect.arrayContaining([expect.objectContaining({ type: 'textarea', value: { text: ['two'] } })]));
  });

  it('? opens the help, listing every command of the registry', () => {
    const { el } = editor();
    press('?');
    const help = document.querySelector('[data-testid="editor-help"]');
    expect(help?.textContent).toContain('Keyboard shortcuts');
    expect(help?.textContent).toContain('Label: Car');
    expect(help?.textContent).toContain('Ctrl+Z');
    press('Escape');
    expect(el.querySelector('[data-testid="editor-help"]')).toBeNull();
  });

  it('skipping asks for a reason and passes it on', () => {
    const { onSkip } = editor();
    press('s', { altKey: true, code: 'KeyS' });
    const dialog = document.querySelector('[data-testid="skip-dialog"]') as HTMLFormElement;
    const confirm = dialog.querySelector('[data-testid="skip-confirm"]') as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    type(dialog.querySelector('textarea') as HTMLTextAreaElement, 'image is blank');
    act(() => confirm.click());
    expect(onSkip).toHaveBeenCalledWith('image is blank');
  });

  it('speaks Chinese when the app does', () => {
    const { el } = editor({}, 'zh-CN');
    expect(el.textContent).toContain('区域');
    press('?');
    expect(document.querySelector('[data-testid="editor-help"]')?.textContent).toContain('快捷键');
  });

  it('a read-only editor offers no skip and ignores Enter', () => {
    const { el, onSubmit } = editor({ readOnly: true });
    expect(el.querySelector('[data-testid="editor-skip"]')).toBeNull();
    press('Enter');
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
