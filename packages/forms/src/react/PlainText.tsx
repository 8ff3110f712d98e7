import type { ReactElement } from 'react';

/**
 * Renders user-authored text (titles, descriptions, enum labels, messages) as text, never as
 * HTML: React escapes it. Every civicflow component shows authored text only through this.
 */
export function PlainText({ text }: { text: string | undefined | null }): ReactElement {
  return <>{text ?? ''}</>;
}
