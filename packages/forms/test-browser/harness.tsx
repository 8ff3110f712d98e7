import type { ReactElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import { afterEach, vi } from 'vitest';

// Real browser events drive these tests (React flushes discrete events itself), and async
// updates are awaited with waitFor, as in an app: act() is not needed, so its warnings are off.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

const mounted: { root: Root; host: HTMLElement }[] = [];

afterEach(() => {
  for (const { root, host } of mounted.splice(0)) {
    flushSync(() => root.unmount());
    host.remove();
  }
});

/** Renders into a fresh element of the real page and returns it. */
export function mount(element: ReactElement): HTMLElement {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  flushSync(() => root.render(element));
  mounted.push({ root, host });
  return host;
}

/** Waits until `check` stops throwing (state updates after promises, effects). */
export function waitFor<T>(check: () => T): Promise<T> {
  return vi.waitFor(check, { timeout: 3000, interval: 10 });
}

/** The only element matching `selector` inside `host`; throws when missing. */
export function $<E extends Element = HTMLElement>(host: ParentNode, selector: string): E {
  const el = host.querySelector<E>(selector);
  if (!el) throw new Error(`no element matches ${selector}`);
  return el;
}

/** The control whose accessible label (a `<label for>`) has exactly this text, ignoring the required marker. */
export function byLabel<E extends HTMLElement = HTMLInputElement>(host: ParentNode, text: string): E {
  for (const label of host.querySelectorAll('label')) {
    const own = [...label.childNodes].filter((n) => !(n instanceof HTMLElement && (n.classList.contains('cf-required') || n.classList.contains('cf-visually-hidden'))));
    const labelText = own.map((n) => n.textContent ?? '').join('').trim();
    if (labelText === text && label.htmlFor) {
      const el = host.querySelector<E>(`#${CSS.escape(label.htmlFor)}`);
      if (el) return el;
    }
  }
  throw new Error(`no control labelled ${text}`);
}

/** The button whose visible text is `text`. */
export function button(host: ParentNode, text: string): HTMLButtonElement {
  const found = [...host.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
  if (!found) throw new Error(`no button "${text}"`);
  return found;
}

/** Puts files on a file input the way a file picker does, then fires its change event. */
export function pickFiles(input: HTMLInputElement, files: File[]): void {
  const transfer = new DataTransfer();
  for (const f of files) transfer.items.add(f);
  input.files = transfer.files;
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** A test double of the host's upload port: remembers the files and returns attachment ids. */
export function fakeUpload(): { uploadFile: (file: File) => Promise<{ id: string }>; files: File[] } {
  const files: File[] = [];
  return {
    files,
    uploadFile: async (file) => {
      files.push(file);
      return { id: `att_test${String(files.length).padStart(6, '0')}` };
    },
  };
}

/** The accessible name of a control: aria-labelledby, aria-label, its labels, or a button's text. */
export function accessibleName(el: HTMLElement): string {
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) return labelledBy.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' ').trim();
  const aria = el.getAttribute('aria-label');
  if (aria) return aria.trim();
  const labels = (el as HTMLInputElement).labels;
  const fromLabels = labels ? [...labels].map((l) => l.textContent ?? '').join(' ').trim() : '';
  return fromLabels || (el.tagName === 'BUTTON' ? (el.textContent ?? '').trim() : '');
}
