import type { ReactElement } from 'react';
import type { ArrayFieldItemTemplateProps } from '@rjsf/utils';
import { getTemplate, getUiOptions } from '@rjsf/utils';
import { taskFormContext } from '../formContext.js';
import { uiText } from '../uiText.js';

/** The label of item `index` of a list: "当事人（第 2 项）". */
export function itemGroupLabel(title: string | undefined, index: number, locale: 'zh-CN' | 'en'): string {
  const text = uiText(locale);
  return text.itemLabel(title && title.trim() !== '' ? title : locale === 'en' ? 'Item' : '项', index + 1);
}

/** One item of a list, as a labelled group ("当事人（第 1 项）") with its buttons below it. */
export function ArrayFieldItemTemplate(props: ArrayFieldItemTemplateProps): ReactElement {
  const { children, className, buttonsProps, hasToolbar, index, registry, uiSchema, schema } = props;
  const uiOptions = getUiOptions(uiSchema);
  const ArrayFieldItemButtonsTemplate = getTemplate('ArrayFieldItemButtonsTemplate', registry, uiOptions);
  const label = itemGroupLabel(typeof schema.title === 'string' ? schema.title : undefined, index, taskFormContext(registry).locale);
  return (
    <div className={`cf-list-item${className ? ` ${className}` : ''}`} role="group" aria-label={label}>
      <div className="cf-list-item__content">{children}</div>
      {hasToolbar && (
        <div className="cf-list-item__toolbar">
          <ArrayFieldItemButtonsTemplate {...buttonsProps} />
        </div>
      )}
    </div>
  );
}
