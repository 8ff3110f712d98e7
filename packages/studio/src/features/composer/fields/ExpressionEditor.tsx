import { useId, useMemo } from 'react';
import type { ReactElement } from 'react';
import { BUILTIN_FUNCTION_NAMES, ENGINE_FUNCTION_NAMES, references, tryParseExpression } from '@civicflow/engine';
import type { LocalizedText } from '@civicflow/engine';
import { translate } from '../../../i18n/messages.js';
import { useText } from '../../../preferences/PreferencesContext.js';
import { useCommitBuffer } from './useCommitBuffer.js';

/** What {@link checkExpression} found: nothing, or a problem in both languages with its position. */
export type ExpressionCheck = { ok: true } | { ok: false; message: LocalizedText; position?: number | undefined };

const FUNCTIONS: ReadonlySet<string> = new Set([...BUILTIN_FUNCTION_NAMES, ...ENGINE_FUNCTION_NAMES]);

/**
 * Checks a guard or computed value with the engine's own parser (the same code that runs it) and
 * the names it may use here: `roots` (data, form, config …) and the engine's functions.
 */
export function checkExpression(source: string, roots: readonly string[]): ExpressionCheck {
  if (source.trim() === '') return { ok: false, message: { 'zh-CN': '表达式为空', en: 'the expression is empty' }, position: 0 };
  const parsed = tryParseExpression(source);
  if (!parsed.ok) return { ok: false, message: parsed.error.message, position: parsed.error.position };
  const refs = references(parsed.value);
  const unknownRoot = refs.roots.find((root) => !roots.includes(root));
  if (unknownRoot !== undefined) {
    return {
      ok: false, position: source.indexOf(unknownRoot),
      message: { 'zh-CN': `这里不能用名称 ${unknownRoot}；可用：${roots.join('、')}`, en: `the name ${unknownRoot} is not available here; available: ${roots.join(', ')}` },
    };
  }
  const unknownFunction = refs.functions.find((fn) => !FUNCTIONS.has(fn));
  if (unknownFunction !== undefined) {
    return {
      ok: false, position: source.indexOf(unknownFunction),
      message: { 'zh-CN': `没有函数 ${unknownFunction}`, en: `there is no function ${unknownFunction}` },
    };
  }
  return { ok: true };
}

/**
 * An expression field (route guards, rung escalation conditions) that checks as one types, with
 * the engine's parser: the problem and the character it is at, in Chinese and in English (the
 * person fixing a guard may read either), or that the expression is valid. The draft changes when
 * the field is left or Enter is pressed — even with a problem, which then also shows on the step.
 */
export function ExpressionEditor({ label, value, roots, onCommit, hint, optional = false }: {
  label: string;
  value: string;
  /** An empty field is fine (the expression is optional, e.g. a rung's escalation condition). */
  optional?: boolean | undefined;
  /** The names the expression may start from here (e.g. `data`, `form`, `config`). */
  roots: readonly string[];
  onCommit(value: string): void;
  hint?: string | undefined;
}): ReactElement {
  const { t } = useText();
  const id = useId();
  const { text, setText, commit, onKeyDown } = useCommitBuffer(value, onCommit);
  const empty = optional && text.trim() === '';
  const check = useMemo<ExpressionCheck>(() => (empty ? { ok: true } : checkExpression(text, roots)), [text, roots, empty]);
  const position = check.ok ? undefined : check.position;
  return (
    <div className="field composer-field composer-expression">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="composer-expression__input"
        value={text}
        spellCheck={false}
        autoComplete="off"
        onChange={(event) => setText(event.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
        aria-invalid={check.ok ? undefined : true}
        aria-describedby={`${id}-check${hint ? ` ${id}-hint` : ''}`}
      />
      {hint && <p id={`${id}-hint`} className="field__hint">{hint}</p>}
      <div id={`${id}-check`} className={check.ok ? 'composer-expression__ok' : 'composer-expression__error'}>
        {check.ok ? (
          <p>{t(empty ? 'composer.expression.none' : 'composer.expression.ok')}</p>
        ) : (
          <>
            <p lang="zh-CN">{check.message['zh-CN']}</p>
            <p lang="en">{check.message.en}</p>
            {position !== undefined && (
              <p className="composer-expression__where">
                <span lang="zh-CN">{translate('zh-CN', 'composer.expression.position', { n: position + 1 })}</span>
                {' / '}<span lang="en">{translate('en', 'composer.expression.position', { n: position + 1 })}</span>
                {text.length > 0 && (
                  <code aria-hidden="true">{text.slice(0, position)}<mark>{text.slice(position, position + 1) || ' '}</mark>{text.slice(position + 1)}</code>
                )}
              </p>
            )}
          </>
        )}
      </div>
    </div>
  );
}
