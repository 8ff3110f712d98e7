import type { ReactElement } from 'react';
import { updateField } from '../../builder/index.js';
import type { FieldPath, FormField } from '../../builder/index.js';
import { useBuilderContext } from './builderContext.js';
import { CommitInput } from './CommitInput.js';
import { ExpressionEditor } from './ExpressionEditor.js';
import { MinAgeEditor } from './MinAgeEditor.js';

type NumberOption = 'minLength' | 'maxLength' | 'minimum' | 'maximum' | 'minItems' | 'maxItems';

/** The numeric options each field type offers, in the order they are shown. */
function numberOptions(field: FormField): NumberOption[] {
  switch (field.type) {
    case 'text':
    case 'textarea':
      return ['minLength', 'maxLength'];
    case 'integer':
    case 'number':
      return ['minimum', 'maximum'];
    case 'money':
      return ['maximum'];
    case 'multiselect':
    case 'list':
      return ['minItems', 'maxItems'];
    default:
      return [];
  }
}

function numberText(value: unknown): string {
  return typeof value === 'number' ? String(value) : '';
}

/** The option's value from the input text: empty clears it; text that is not a number changes nothing. */
function parseNumber(text: string): { ok: true; value: number | undefined } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: undefined };
  const value = Number(text);
  return Number.isFinite(value) ? { ok: true, value } : { ok: false };
}

/**
 * The options of the selected field's type: lengths, bounds and counts, the accepted file types
 * of an upload, the minimum age of an ID number, the expression of a computed value.
 */
export function FieldOptionsEditor({ field, path }: { field: FormField; path: FieldPath }): ReactElement | null {
  const ctx = useBuilderContext();
  const { strings, disabled } = ctx;
  const options = field.options as Readonly<Record<string, unknown>>;
  const numbers = numberOptions(field);
  const parts: ReactElement[] = numbers.map((option) => (
    <CommitInput
      key={option}
      label={strings[option]}
      type="number"
      value={numberText(options[option])}
      disabled={disabled}
      onCommit={(text) => {
        const parsed = parseNumber(text);
        if (parsed.ok) ctx.run(updateField(path, { options: { [option]: parsed.value } }));
      }}
    />
  ));
  if (field.type === 'file' || field.type === 'photo') {
    parts.push(
      <CommitInput
        key="accept"
        label={strings.accept}
        hint={strings.acceptHint}
        value={(field.options.accept ?? []).join(', ')}
        disabled={disabled}
        onCommit={(text) => {
          const accept = text
            .split(/[,，\s]+/)
            .map((t) => t.trim())
            .filter(Boolean);
          ctx.run(updateField(path, { options: { accept: accept.length ? accept : undefined } }));
        }}
      />,
    );
  }
  if (field.type === 'idCard') parts.push(<MinAgeEditor key="minAge" field={field} path={path} />);
  if (field.type === 'computed') parts.push(<ExpressionEditor key="expression" field={field} path={path} />);
  return parts.length ? <div className="cf-builder__options">{parts}</div> : null;
}
