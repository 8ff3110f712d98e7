import type { ProcessDefinition } from '../definition/types.js';
import { CivicflowError } from '../errors.js';

/**
 * The configuration an instance runs with: the definition's defaults, overridden by the start
 * options. Parameters tagged L are fixed by statute: an override is refused, even one equal to
 * the default, so that nobody can believe a statutory value is theirs to set.
 */
export function resolveStartConfig(def: ProcessDefinition, overrides: Record<string, unknown>): Record<string, unknown> {
  const params = def.config ?? {};
  const config: Record<string, unknown> = {};
  for (const [k, p] of Object.entries(params)) config[k] = p.value;
  for (const [k, v] of Object.entries(overrides)) {
    const p = params[k];
    if (!p) throw new CivicflowError('CF_ENGINE_CONFIG_UNKNOWN', { key: k, known: Object.keys(params).join(', ') || '—' });
    if (p.tag === 'L') throw new CivicflowError('CF_ENGINE_CONFIG_LAW_FIXED', { key: k, basis: p.basis?.en ?? 'statute' });
    config[k] = v;
  }
  return config;
}
