import { useId, useRef, useState } from 'react';
import type { KeyboardEvent, ReactElement, ReactNode } from 'react';

/** One tab of {@link ViewTabs}. */
export interface ViewTab {
  id: string;
  label: string;
  render: () => ReactNode;
}

/**
 * Tabs after the WAI-ARIA tabs pattern: ←/→ (and Home/End) move between tabs, which activate
 * as they get focus; only the active panel is rendered (the preview is not kept alive behind
 * the JSON).
 */
export function ViewTabs({ tabs, label, initial }: { tabs: readonly ViewTab[]; label: string; initial?: string | undefined }): ReactElement {
  const base = useId();
  const [active, setActive] = useState(initial ?? tabs[0]?.id ?? '');
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const current = tabs.find((t) => t.id === active) ?? tabs[0];
  const onKeyDown = (event: KeyboardEvent): void => {
    const index = tabs.findIndex((t) => t.id === current?.id);
    const next =
      event.key === 'ArrowRight' ? (index + 1) % tabs.length : event.key === 'ArrowLeft' ? (index - 1 + tabs.length) % tabs.length : event.key === 'Home' ? 0 : event.key === 'End' ? tabs.length - 1 : -1;
    const tab = tabs[next];
    if (!tab) return;
    event.preventDefault();
    setActive(tab.id);
    refs.current[tab.id]?.focus();
  };
  return (
    <div className="cf-builder__tabs">
      <div role="tablist" aria-label={label} onKeyDown={onKeyDown}>
        {tabs.map((tab) => (
          <button
            key={tab.id}
            ref={(el) => {
              refs.current[tab.id] = el;
            }}
            type="button"
            role="tab"
            id={`${base}-tab-${tab.id}`}
            aria-selected={tab.id === current?.id}
            aria-controls={`${base}-panel-${tab.id}`}
            tabIndex={tab.id === current?.id ? 0 : -1}
            onClick={() => setActive(tab.id)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {current && (
        <div role="tabpanel" id={`${base}-panel-${current.id}`} aria-labelledby={`${base}-tab-${current.id}`} className="cf-builder__tabpanel">
          {current.render()}
        </div>
      )}
    </div>
  );
}
