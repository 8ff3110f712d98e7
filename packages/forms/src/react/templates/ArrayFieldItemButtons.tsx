import type { ReactElement } from 'react';
import type { ArrayFieldItemButtonsTemplateProps } from '@rjsf/utils';
import { buttonId } from '@rjsf/utils';
import { taskFormContext } from '../formContext.js';
import { uiText } from '../uiText.js';
import { itemGroupLabel } from './ArrayFieldItemTemplate.js';

/**
 * The buttons of one list item, with words ("删除") instead of icons; their accessible names say
 * which item they act on ("删除当事人（第 2 项）").
 */
export function ArrayFieldItemButtons(props: ArrayFieldItemButtonsTemplateProps): ReactElement | null {
  const { disabled, readonly, hasCopy, hasMoveDown, hasMoveUp, hasRemove, fieldPathId, index, onCopyItem, onRemoveItem, onMoveDownItem, onMoveUpItem, registry, schema } = props;
  if (readonly || disabled) return null;
  const { locale } = taskFormContext(registry);
  const text = uiText(locale);
  const item = itemGroupLabel(typeof schema.title === 'string' ? schema.title : undefined, index, locale);
  return (
    <>
      {(hasMoveUp || hasMoveDown) && (
        <button type="button" id={buttonId(fieldPathId, 'moveUp')} className="cf-button cf-button--secondary" disabled={!hasMoveUp} onClick={onMoveUpItem} aria-label={`${text.moveUp} ${item}`}>
          {text.moveUp}
        </button>
      )}
      {(hasMoveUp || hasMoveDown) && (
        <button type="button" id={buttonId(fieldPathId, 'moveDown')} className="cf-button cf-button--secondary" disabled={!hasMoveDown} onClick={onMoveDownItem} aria-label={`${text.moveDown} ${item}`}>
          {text.moveDown}
        </button>
      )}
      {hasCopy && (
        <button type="button" id={buttonId(fieldPathId, 'copy')} className="cf-button cf-button--secondary" onClick={onCopyItem} aria-label={`${text.copy} ${item}`}>
          {text.copy}
        </button>
      )}
      {hasRemove && (
        <button type="button" id={buttonId(fieldPathId, 'remove')} className="cf-button cf-button--danger" onClick={onRemoveItem} aria-label={text.removeItem(item)}>
          {text.remove}
        </button>
      )}
    </>
  );
}
