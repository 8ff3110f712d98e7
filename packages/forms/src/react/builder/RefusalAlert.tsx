import type { ReactElement } from 'react';
import type { Locale } from '@civicflow/engine';
import type { BilingualText } from '../../builder/index.js';
import { PlainText } from '../PlainText.js';
import type { BuilderStrings } from './builderStrings.js';

/**
 * The alert region where refused edits are explained: the model's message in the interface
 * language first, the other language below it. The region is always in the page, so screen
 * readers announce a new message as soon as it appears.
 */
export function RefusalAlert({ message, locale, strings, onDismiss }: { message: BilingualText | undefined; locale: Locale; strings: BuilderStrings; onDismiss: () => void }): ReactElement {
  const other: Locale = locale === 'en' ? 'zh-CN' : 'en';
  return (
    <div role="alert" className={message ? 'cf-builder__alert' : 'cf-builder__alert cf-builder__alert--empty'}>
      {message && (
        <>
          <p>
            <strong>{strings.refused}：</strong>
            <span lang={locale}>
              <PlainText text={message[locale]} />
            </span>
          </p>
          <p className="cf-builder__hint" lang={other}>
            <PlainText text={message[other]} />
          </p>
          <button type="button" onClick={onDismiss}>
            {strings.dismiss}
          </button>
        </>
      )}
    </div>
  );
}
