import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { Root } from 'react-dom/client';
import { vi } from 'vitest';
import { App } from '../../src/App.js';

// The whole studio against a scripted server: tests replace fetch, mount <App />, and read the page.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;

let root: Root | undefined;
let host: HTMLElement | undefined;

/** A JSON answer of the scripted server. */
export const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** Renders the studio into a fresh element of the page. */
export function mountApp(): HTMLElement {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  flushSync(() => root!.render(<App />));
  return host;
}

/** Unmounts the studio and restores what a test changed (fetch, address, remembered settings). */
export function unmountApp(): void {
  if (root) flushSync(() => root!.unmount());
  root = undefined;
  host?.remove();
  host = undefined;
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
  localStorage.clear(); // the remembered language must not reach the next file
}

export const waitFor = <T,>(check: () => T) => vi.waitFor(check, { timeout: 5000, interval: 10 });

/** An element's text with whitespace collapsed. */
export function text(el: Element | null): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The button whose text is `label`. */
export function button(within: ParentNode, label: string): HTMLButtonElement {
  const found = [...within.querySelectorAll('button')].find((b) => text(b) === label);
  if (!found) throw new Error(`no button "${label}"`);
  return found;
}
