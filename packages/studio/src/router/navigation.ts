import { useSyncExternalStore } from 'react';

const NAVIGATED = 'civicflow:navigated';
let clientNavigations = 0;

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

/** The current path (without query or hash); re-renders on navigation and on back/forward. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** Goes to `path` inside the app, without reloading the page. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === window.location.pathname) return;
  clientNavigations += 1;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  window.scrollTo(0, 0);
  window.dispatchEvent(new Event(NAVIGATED));
}

/**
 * True once the person has moved between pages inside the app (a link, back/forward): the new
 * page then takes focus on its heading so that screen readers announce it. On the first load
 * focus stays at the top, where the skip link is.
 */
export function hasNavigated(): boolean {
  return clientNavigations > 0;
}

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    clientNavigations += 1;
  });
}
