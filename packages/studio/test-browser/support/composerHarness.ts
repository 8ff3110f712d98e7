import { userEvent } from 'vitest/browser';
import { text } from './appHarness.js';

// Finding the composer's controls as a person (or Playwright) would: by their label or name.

/** The control whose `<label>` reads exactly `label` (one on the page, or the test fails). */
export function control<T extends HTMLElement = HTMLInputElement>(within: ParentNode, label: string): T {
  const labels = [...within.querySelectorAll('label')].filter((l) => text(l) === label);
  if (labels.length !== 1) throw new Error(`${labels.length} labels "${label}"`);
  const found = document.getElementById(labels[0]!.htmlFor);
  if (!found) throw new Error(`label "${label}" names no control`);
  return found as T;
}

/** True when a control labelled `label` is on the page. */
export function hasControl(within: ParentNode, label: string): boolean {
  return [...within.querySelectorAll('label')].some((l) => text(l) === label);
}

/** Types `value` into the field labelled `label` and presses Enter (one edit of the draft). */
export async function commit(within: ParentNode, label: string, value: string): Promise<void> {
  const input = control(within, label);
  await userEvent.fill(input, value);
  await userEvent.keyboard('{Enter}');
}

/** Chooses the option with text `option` in the select labelled `label`. */
export async function choose(within: ParentNode, label: string, option: string): Promise<void> {
  const select = control<HTMLSelectElement>(within, label);
  const found = [...select.options].find((o) => o.text === option);
  if (!found) throw new Error(`select "${label}" has no option "${option}" (has ${[...select.options].map((o) => o.text).join(' | ')})`);
  await userEvent.selectOptions(select, found.value);
}

/** The diagram node of a step (or `owner/region` group). */
export function node(within: ParentNode, id: string): HTMLElement | null {
  return within.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(id)}"]`);
}

/** True when the step's node is outlined as having a problem. */
export function hasProblem(within: ParentNode, id: string): boolean {
  return node(within, id)?.querySelector('.flow-node--problem, .flow-group--problem') != null;
}
