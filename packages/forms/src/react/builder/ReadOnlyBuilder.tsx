import type { ReactElement } from 'react';
import type { Locale } from '@civicflow/engine';
import type { BilingualText, FormSchemas } from '../../builder/index.js';
import { PlainText } from '../PlainText.js';
import type { BuilderStrings } from './builderStrings.js';
import { JsonView } from './JsonView.js';
import { PreviewPane } from './PreviewPane.js';
import type { PreviewValidatorSource } from './previewValidator.js';
import { ViewTabs } from './ViewTabs.js';

/** Props of {@link ReadOnlyBuilder}. */
export interface ReadOnlyBuilderProps {
  form: FormSchemas;
  reason: BilingualText;
  pointer: string;
  source: 'schema' | 'uiSchema';
  locale: Locale;
  strings: BuilderStrings;
  /** Whether the preview renders its own `<style>` (FormBuilderProps.injectStyles). Default true. */
  injectStyles?: boolean | undefined;
  /** Where the preview gets its validator (FormBuilderProps.previewValidator). */
  previewValidator?: PreviewValidatorSource | undefined;
}

/**
 * A form the builder cannot edit without changing it (e.g. it uses `anyOf`): the reason in both
 * languages and where it is, then the JSON (first) and the preview. There are no editing
 * controls at all, so nothing can be changed by accident.
 */
export function ReadOnlyBuilder({ form, reason, pointer, source, locale, strings, injectStyles = true, previewValidator }: ReadOnlyBuilderProps): ReactElement {
  const other: Locale = locale === 'en' ? 'zh-CN' : 'en';
  return (
    <>
      <section className="cf-builder__readonly" role="status" aria-labelledby="cf-builder-readonly-title">
        <h2 id="cf-builder-readonly-title">{strings.readOnlyTitle}</h2>
        <p lang={locale}>
          <PlainText text={reason[locale]} />
        </p>
        <p lang={other} className="cf-builder__hint">
          <PlainText text={reason[other]} />
        </p>
        <p className="cf-builder__hint">
          <PlainText text={strings.readOnlyAt(pointer, source)} />
        </p>
      </section>
      <ViewTabs
        label={strings.tabs}
        tabs={[
          { id: 'json', label: strings.json, render: () => <JsonView form={form} label={strings.jsonLabel} /> },
          { id: 'preview', label: strings.preview, render: () => <PreviewPane form={form} locale={locale} injectStyles={injectStyles} previewValidator={previewValidator} /> },
        ]}
      />
    </>
  );
}
