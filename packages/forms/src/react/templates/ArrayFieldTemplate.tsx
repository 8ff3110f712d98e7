import type { ReactElement } from 'react';
import type { ArrayFieldTemplateProps, RJSFSchema } from '@rjsf/utils';
import { buttonId, getTemplate, getUiOptions } from '@rjsf/utils';
import { taskFormContext } from '../formContext.js';
import { uiText } from '../uiText.js';

/** The title people see for one item of a list: the item schema's title, else the list's. */
export function listItemTitle(schema: RJSFSchema | undefined, listTitle: string | undefined): string | undefined {
  const items = schema?.items;
  const itemTitle = items && typeof items === 'object' && !Array.isArray(items) ? (items as RJSFSchema).title : undefined;
  return (typeof itemTitle === 'string' && itemTitle.trim() !== '' ? itemTitle : undefined) ?? listTitle;
}

/**
 * A repeatable group (list): legend, description, the items, and an add button that says what it
 * adds ("添加当事人") in words, not an icon, so it is clear to everyone and has an accessible name.
 */
export function ArrayFieldTemplate(props: ArrayFieldTemplateProps): ReactElement {
  const { canAdd, className, disabled, fieldPathId, uiSchema, items, optionalDataControl, onAddClick, readonly, registry, required, schema, title } = props;
  const uiOptions = getUiOptions(uiSchema);
  const ArrayFieldTitleTemplate = getTemplate('ArrayFieldTitleTemplate', registry, uiOptions);
  const ArrayFieldDescriptionTemplate = getTemplate('ArrayFieldDescriptionTemplate', registry, uiOptions);
  const text = uiText(taskFormContext(registry).locale);
  const listTitle = (typeof uiOptions.title === 'string' ? uiOptions.title : undefined) ?? title;
  const itemTitle = listItemTitle(schema, listTitle);
  const editable = !readonly && !disabled;
  return (
    <fieldset className={`cf-list${className ? ` ${className}` : ''}`} id={fieldPathId.$id}>
      <ArrayFieldTitleTemplate
        fieldPathId={fieldPathId}
        title={listTitle}
        required={required}
        schema={schema}
        uiSchema={uiSchema}
        registry={registry}
        optionalDataControl={editable ? optionalDataControl : undefined}
      />
      <ArrayFieldDescriptionTemplate
        fieldPathId={fieldPathId}
        description={(typeof uiOptions.description === 'string' ? uiOptions.description : undefined) ?? schema.description}
        schema={schema}
        uiSchema={uiSchema}
        registry={registry}
      />
      {!editable ? optionalDataControl : null}
      {items.length === 0 && editable && <p className="cf-list__empty">{text.emptyList}</p>}
      <div className="cf-list__items">{items}</div>
      {canAdd && editable && (
        <button type="button" id={buttonId(fieldPathId, 'add')} className="cf-button cf-list__add" onClick={onAddClick}>
          {itemTitle ? text.add(itemTitle) : text.addItem}
        </button>
      )}
    </fieldset>
  );
}
