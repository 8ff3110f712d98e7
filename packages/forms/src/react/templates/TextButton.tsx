import { memo } from 'react';
import type { ComponentType, ReactElement } from 'react';
import type { IconButtonProps } from '@rjsf/utils';
import { taskFormContext } from '../formContext.js';
import type { UiText } from '../uiText.js';
import { uiText } from '../uiText.js';

type Kind = 'add' | 'remove' | 'moveUp' | 'moveDown' | 'copy' | 'clear';

const LABEL: Record<Kind, (t: UiText) => string> = {
  add: (t) => t.addItem,
  remove: (t) => t.remove,
  moveUp: (t) => t.moveUp,
  moveDown: (t) => t.moveDown,
  copy: (t) => t.copy,
  clear: (t) => t.clear,
};

/** A button with a word on it, for rjsf's icon-only button templates (an icon alone is unclear and unnamed). */
export function TextButton({ kind, ...props }: IconButtonProps & { kind: Kind }): ReactElement {
  const { registry, uiSchema: _uiSchema, iconType: _iconType, icon: _icon, className, title, children, ...rest } = props;
  const label = LABEL[kind](uiText(taskFormContext(registry).locale));
  return (
    <button type="button" {...rest} className={`cf-button cf-button--secondary${className ? ` ${className}` : ''}`}>
      {children ?? title ?? label}
    </button>
  );
}

/** rjsf's `ButtonTemplates` (except submit) as word buttons. */
export function textButtonTemplates(): Record<'AddButton' | 'RemoveButton' | 'MoveUpButton' | 'MoveDownButton' | 'CopyButton' | 'ClearButton', ComponentType<IconButtonProps>> {
  const make = (kind: Kind): ComponentType<IconButtonProps> => memo((p: IconButtonProps) => <TextButton {...p} kind={kind} />);
  return { AddButton: make('add'), RemoveButton: make('remove'), MoveUpButton: make('moveUp'), MoveDownButton: make('moveDown'), CopyButton: make('copy'), ClearButton: make('clear') };
}
