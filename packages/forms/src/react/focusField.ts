const FOCUSABLE = 'input:not([type="hidden"]):not([disabled]), select:not([disabled]), textarea:not([disabled]), button:not([disabled]), [tabindex]:not([tabindex="-1"])';

function isFocusable(el: Element): boolean {
  return el instanceof HTMLElement && el.matches(FOCUSABLE);
}

/**
 * Moves focus to the field whose rjsf id is `id` (as produced from the error's pointer): the
 * element itself when it is a control, else the checked or first control inside it (radio groups,
 * fieldsets of lists and objects, composite widgets), else the first control whose id starts with
 * it, else the element itself made focusable. Returns whether something took focus.
 */
export function focusField(root: ParentNode, id: string): boolean {
  const doc = root instanceof Document ? root : (root as Node).ownerDocument ?? document;
  const el = doc.getElementById(id);
  let target: HTMLElement | null = null;
  if (el instanceof HTMLElement && isFocusable(el)) target = el;
  else if (el) {
    target = el.querySelector<HTMLElement>('input[type="radio"]:checked') ?? el.querySelector<HTMLElement>(FOCUSABLE);
  }
  if (!target) {
    const escaped = CSS.escape(id);
    target = root.querySelector<HTMLElement>(`input[id^="${escaped}"], select[id^="${escaped}"], textarea[id^="${escaped}"], button[id^="${escaped}"]`);
  }
  if (!target && el instanceof HTMLElement) {
    el.tabIndex = -1;
    target = el;
  }
  if (!target) return false;
  target.focus();
  // `block: 'center'` keeps the field's label (above it) in view on small screens.
  target.scrollIntoView?.({ block: 'center' });
  return doc.activeElement === target;
}

/** The rjsf id of the field at a JSON pointer (`/applicants/0/id_no` → `root_applicants_0_id_no`). */
export function fieldIdForPointer(pointer: string, idPrefix = 'root', idSeparator = '_'): string {
  const tokens =
    pointer === ''
      ? []
      : pointer
          .slice(1)
          .split('/')
          .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  return [idPrefix, ...tokens].join(idSeparator);
}
