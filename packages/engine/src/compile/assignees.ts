import { CivicflowError } from '../errors.js';
import type { AssigneeSpec, NotifySpec } from '../definition/types.js';
import { ancestorAtLevel, isOrgUnitPath } from '../orgUnits/orgUnitPath.js';
import type { EngineContext, ResolvedAssignee } from '../runtime/types.js';
import type { EventEnv } from './engineEvent.js';
import { evalIn } from './scope.js';

/** Resolves an org unit chosen by `level`/`orgUnit` relative to the case. `defaultLevel` comes from a ladder rung. */
export function resolveUnit(
  ctx: EngineContext, env: EventEnv, stepId: string,
  spec: { level?: string; orgUnit?: string }, extra: Record<string, unknown>, defaultLevel?: string,
): string {
  if (spec.orgUnit) {
    const u = evalIn(ctx, env, stepId, spec.orgUnit, extra);
    if (!isOrgUnitPath(u)) throw new CivicflowError('CF_ENGINE_ORG_UNIT_INVALID', { orgUnit: String(u) });
    return u;
  }
  const level = spec.level ?? defaultLevel;
  if (!level) return ctx.case.orgUnit;
  const u = ancestorAtLevel(ctx.case.orgUnit, level);
  if (!u) throw new CivicflowError('CF_ENGINE_ORG_LEVEL_MISSING', { orgUnit: ctx.case.orgUnit, level });
  return u;
}

/** Resolves who may act on a task when it opens. */
export function resolveAssignee(
  ctx: EngineContext, env: EventEnv, stepId: string, spec: AssigneeSpec, extra: Record<string, unknown> = {}, defaultLevel?: string,
): ResolvedAssignee {
  const orgUnit = resolveUnit(ctx, env, stepId, spec, extra, defaultLevel);
  const resolved: ResolvedAssignee = { role: spec.role, orgUnit, match: spec.match ?? 'exact' };
  if (spec.person) {
    const p = evalIn(ctx, env, stepId, spec.person, extra);
    if (typeof p === 'string' && p) resolved.person = p;
  }
  return resolved;
}

/** Resolves the recipients of a notification. */
export function resolveNotify(
  ctx: EngineContext, env: EventEnv, stepId: string, spec: NotifySpec, extra: Record<string, unknown> = {}, defaultLevel?: string,
): { role: string; orgUnit: string; person?: string } {
  const out: { role: string; orgUnit: string; person?: string } = { role: spec.role, orgUnit: resolveUnit(ctx, env, stepId, spec, extra, defaultLevel) };
  if (spec.person) {
    const p = evalIn(ctx, env, stepId, spec.person, extra);
    if (typeof p === 'string' && p) out.person = p;
  }
  return out;
}
