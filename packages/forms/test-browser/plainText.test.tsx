import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { expect, it } from 'vitest';
import { PlainText } from '@civicflow/forms/react';

it('renders an authored title with a script vector as text, in a real browser', () => {
  const host = document.createElement('div');
  document.body.append(host);
  (window as unknown as { __xss?: number }).__xss = 0;
  const vector = '<img src=x onerror="window.__xss = 1"><script>window.__xss = 2</script>';
  flushSync(() => createRoot(host).render(<PlainText text={vector} />));
  expect(host.textContent).toBe(vector);
  expect(host.querySelector('img, script')).toBeNull();
  expect((window as unknown as { __xss?: number }).__xss).toBe(0);
  expect(navigator.userAgent).toContain('Chrome');
});
