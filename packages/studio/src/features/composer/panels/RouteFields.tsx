import type { ReactElement } from 'react';
import type { StepDefinition } from '@civicflow/engine';
import { useText } from '../../../preferences/PreferencesContext.js';
import { useComposerContext } from '../ComposerContext.js';
import { ExpressionEditor } from '../fields/ExpressionEditor.js';
import { SelectField } from '../fields/SelectField.js';
import { ROUTE_OUTCOMES, addRoute, defaultRouteIndex, deleteRoute, routesOf, setNext, setRouteTarget, setRouteWhen } from '../model/index.js';
import { regionTargets } from './regionTargets.js';

const BASE_ROOTS = ['data', 'config', 'case', 'now', 'today', 'actor'];
/** Steps whose routes see the submitted form as `form` (the engine's scopes, validateDefinition). */
const FORM_SCOPED: ReadonlySet<string> = new Set(['task']);

/**
 * Where a step goes, per outcome (a joint review's 通过 / 不通过 / 逾期, a vote's 有结果 / 无效,
 * a ladder's 化解 / 逐级用尽): the guarded routes in order (条件 n: an expression checked as one
 * types, and the step it goes to) and the 下一步 taken when no condition holds. Targets are the
 * steps of the same region, chosen from a list — connecting by keyboard, no dragging needed.
 */
export function RouteFields({ stepId, step }: { stepId: string; step: StepDefinition }): ReactElement | null {
  const { t, text } = useText();
  const { draft, run } = useComposerContext();
  const outcomes = ROUTE_OUTCOMES[step.kind];
  if (outcomes.length === 0) return null;
  const targets = regionTargets(draft, stepId, text);
  const roots = FORM_SCOPED.has(step.kind) ? [...BASE_ROOTS, 'form'] : BASE_ROOTS;
  const several = outcomes.length > 1;
  return (
    <>
      {outcomes.map((outcome) => {
        const routes = routesOf(step, outcome);
        const fallback = defaultRouteIndex(routes);
        const outcomeName = t(`composer.outcome.${outcome}`);
        // "下一步（通过）" where a step has several outcomes, plain "下一步" where it has one.
        const named = (key: 'composer.route.next' | 'composer.route.addGuard', n?: number): string =>
          several ? `${t(key, { n: n ?? '' })}（${outcomeName}）` : t(key, { n: n ?? '' });
        const guardName = (n: number, key: 'composer.route.condition' | 'composer.route.conditionTarget' | 'composer.route.deleteCondition'): string =>
          several ? `${outcomeName}：${t(key, { n })}` : t(key, { n });
        let n = 0;
        return (
          <fieldset key={outcome} className="composer-fieldset composer-routes">
            <legend>{several ? t('composer.route.legendOutcome', { outcome: outcomeName }) : t('composer.route.legend')}</legend>
            {routes.map((route, index) => {
              if (index === fallback) return null;
              n += 1;
              const number = n;
              return (
                <div key={index} className="composer-route">
                  <ExpressionEditor
                    label={guardName(number, 'composer.route.condition')}
                    value={route.when ?? ''}
                    roots={roots}
                    hint={number === 1 ? t('composer.route.conditionHint') : undefined}
                    onCommit={(when) => run(setRouteWhen(stepId, outcome, index, when))}
                  />
                  <SelectField label={guardName(number, 'composer.route.conditionTarget')} value={route.to} options={targets} onChange={(to) => run(setRouteTarget(stepId, outcome, index, to))} />
                  <button type="button" className="button button--quiet" onClick={() => run(deleteRoute(stepId, outcome, index))}>{guardName(number, 'composer.route.deleteCondition')}</button>
                </div>
              );
            })}
            <SelectField
              label={named('composer.route.next')}
              value={fallback >= 0 ? routes[fallback]!.to : ''}
              options={[{ value: '', label: outcome === 'overdue' ? t('composer.route.noOverdue') : t('composer.route.none') }, ...targets]}
              hint={n > 0 ? t('composer.route.nextHint') : undefined}
              onChange={(to) => run(setNext(stepId, outcome, to === '' ? undefined : to))}
            />
            {fallback >= 0 && (
              <button type="button" className="button button--quiet" onClick={() => run(setNext(stepId, outcome, undefined))}>
                {several ? `${t('composer.route.deleteNext')}（${outcomeName}）` : t('composer.route.deleteNext')}
              </button>
            )}
            <button
              type="button"
              className="button button--quiet"
              disabled={targets.length === 0}
              onClick={() => run(addRoute(stepId, outcome, { when: '', to: (fallback >= 0 ? routes[fallback]!.to : undefined) ?? targets[0]!.value }))}
            >
              {named('composer.route.addGuard')}
            </button>
          </fieldset>
        );
      })}
    </>
  );
}
