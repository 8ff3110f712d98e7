import { useEffect, useRef } from 'react';
import type { ReactElement, ReactNode } from 'react';
import { hasNavigated } from '../router/navigation.js';
import { useText } from '../preferences/PreferencesContext.js';

/**
 * The page's one `<h1>`. It names the browser tab, and after a move inside the app it takes focus
 * so that a screen reader announces the new page and Tab continues from there.
 */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }): ReactElement {
  const { t } = useText();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title, t]);
  useEffect(() => {
    if (hasNavigated()) ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className="page-heading">
      {children ?? title}
    </h1>
  );
}
