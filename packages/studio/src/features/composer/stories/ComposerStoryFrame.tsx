import { useMemo, useState } from 'react';
import type { ReactElement } from 'react';
import type { ProcessDefinition } from '@civicflow/engine';
import { ComposerContext } from '../ComposerContext.js';
import type { ComposerContextValue } from '../ComposerContext.js';
import { draftProblems } from '../model/index.js';
import { PropertyPanel } from '../panels/PropertyPanel.js';
import { liveSelection } from '../selection.js';
import type { Selection } from '../selection.js';
import { useComposer } from '../useComposer.js';
import '../composer.css';

/**
 * A property panel over a live composer (stories only): the panel's edits change the draft as on
 * the page, so a story can be clicked through; the form builder is not opened here.
 */
export function PanelStory({ draft, selection: initial }: { draft: ProcessDefinition; selection: Selection }): ReactElement {
  const { draft: current, run, refusal } = useComposer(draft);
  const [selection, setSelection] = useState<Selection | undefined>(initial);
  const [said, setSaid] = useState('');
  const context = useMemo<ComposerContextValue>(() => ({
    draft: current, run, select: (next) => setSelection(next), editForm: (formId) => setSaid(`editForm(${formId})`), announce: setSaid,
  }), [current, run]);
  return (
    <ComposerContext.Provider value={context}>
      <div className="composer" style={{ maxWidth: '34rem' }}>
        {refusal && <p role="alert" className="notice notice--error">{refusal.localized['zh-CN']} / {refusal.localized.en}</p>}
        <PropertyPanel selection={liveSelection(current, selection)} problems={draftProblems(current)} headingId="story-panel-heading" />
        <p role="status" className="field__hint">{said}</p>
      </div>
    </ComposerContext.Provider>
  );
}
