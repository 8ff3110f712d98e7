import { useId, useState } from 'react';
import type { ReactElement } from 'react';
import { tryParseExpression } from '@civicflow/engine';
import { updateField } from '../../builder/index.js';
import type { ComputedField, FieldPath } from '../../builder/index.js';
import { useBuilderContext } from './builderContext.js';
import { CommitInput } from './CommitInput.js';

/** The parse error of `source` in `locale`, or undefined when it parses. */
function problemOf(source: string, describe: (message: string, position: number | undefined) => string, locale: 'zh-CN' | 'en'): string | undefined {
  const parsed = tryParseExpression(source);
  return parsed.ok ? undefined : describe(parsed.error.message[locale], parsed.error.position);
}

/**
 * The expression and result type of a computed value. The expression is checked with the
 * engine's parser on every keystroke and the problem shown beside it; only an expression that
 * parses is written to the form.
 */
export function ExpressionEditor({ field, path }: { field: ComputedField; path: FieldPath }): ReactElement {
  const ctx = useBuilderContext();
  const { strings, disabled, locale } = ctx;
  const statusId = useId();
  const typeId = useId();
  const expression = field.options.expression;
  const [draft, setDraft] = useState(expression);
  const [shown, setShown] = useState(expression);
  if (shown !== expression) {
    // Undo/redo replaced the expression: check what the form holds now.
    setShown(expression);
    setDraft(expression);
  }
  const problem = problemOf(draft, strings.expressionError, locale);
  return (
    <>
      <div className="cf-builder__control">
        <label htmlFor={typeId}>{strings.valueType}</label>
        <select
          id={typeId}
          value={field.options.valueType}
          disabled={disabled}
          onChange={(e) => ctx.run(updateField(path, { options: { valueType: e.target.value } }))}
        >
          {(['number', 'integer', 'string', 'boolean'] as const).map((t) => (
            <option key={t} value={t}>
              {strings.valueTypes[t]}
            </option>
          ))}
        </select>
      </div>
      <CommitInput
        label={strings.expression}
        hint={strings.expressionHint}
        value={expression}
        disabled={disabled}
        describedBy={statusId}
        invalid={problem !== undefined}
        onDraft={setDraft}
        onCommit={(text) => {
          if (problemOf(text, strings.expressionError, locale) === undefined) ctx.run(updateField(path, { options: { expression: text } }));
        }}
      />
      <p id={statusId} className={problem ? 'cf-builder__error' : 'cf-builder__ok'} aria-live="polite">
        {problem ?? strings.expressionOk}
      </p>
    </>
  );
}
