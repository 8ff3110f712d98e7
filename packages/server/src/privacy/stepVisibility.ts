import type { FastifyInstance } from 'fastify';
import type { Actor, ProcessDefinition } from '@civicflow/engine';
import type { DefinitionRepository } from '../definitions/definitionRepository.js';
import { InstanceEntity } from '../entities/index.js';
import type { Orm } from '../orm/createOrm.js';

/** The routes that show a case's data or history, and where the case is in their answer. */
const CASE_ROUTES = new Set(['/api/instances/:id', '/api/instances/:id/history', '/api/tasks/:instanceId/:taskId']);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * The steps whose records `roles` may not see (a step's `visibleTo` names none of them), each with
 * the data path it saves under (`saveAs`, default the step id). Steps inside parallel branches and
 * ladder rungs count too.
 */
export function hiddenSteps(definition: ProcessDefinition, roles: readonly string[]): Map<string, string> {
  const hidden = new Map<string, string>();
  const walk = (steps: unknown): void => {
    if (!isObj(steps)) return;
    for (const [id, step] of Object.entries(steps)) {
      if (!isObj(step)) continue;
      const visibleTo = step['visibleTo'];
      if (Array.isArray(visibleTo) && !visibleTo.some((r) => roles.includes(r as string))) {
        hidden.set(id, typeof step['saveAs'] === 'string' ? step['saveAs'] : id);
      }
      for (const region of [...(Array.isArray(step['branches']) ? step['branches'] : []), ...(Array.isArray(step['rungs']) ? step['rungs'] : [])]) {
        if (isObj(region)) walk(region['steps']);
      }
    }
  };
  walk(definition.steps);
  return hidden;
}

/** Removes a dotted data path (`a.b`) from a copy of `data`. */
function withoutPath(data: Obj, path: string): Obj {
  const [head, ...rest] = path.split('.');
  if (!head || !(head in data)) return data;
  const copy = { ...data };
  if (rest.length === 0) delete copy[head];
  else if (isObj(copy[head])) copy[head] = withoutPath(copy[head], rest.join('.'));
  return copy;
}

/**
 * A case view, history or task view as `actor` may see it under the steps' `visibleTo`: the hidden
 * steps' data removed, and the data of their events — except the actor's own submissions.
 */
export function applyStepVisibility(actor: Actor, definition: ProcessDefinition, route: string, payload: Obj): Obj {
  const hidden = hiddenSteps(definition, actor.roles);
  if (hidden.size === 0) return payload;
  const strip = (data: unknown): unknown => (isObj(data) ? [...hidden.values()].reduce(withoutPath, data) : data);
  if (route === '/api/instances/:id') return { ...payload, data: strip(payload['data']) };
  if (route === '/api/tasks/:instanceId/:taskId' && isObj(payload['case'])) return { ...payload, case: { ...payload['case'], data: strip(payload['case']['data']) } };
  if (route === '/api/instances/:id/history' && Array.isArray(payload['events'])) {
    return {
      ...payload,
      events: payload['events'].map((e: unknown) => {
        if (!isObj(e) || typeof e['stepId'] !== 'string' || !hidden.has(e['stepId']) || !('data' in e)) return e;
        if (isObj(e['actor']) && e['actor']['id'] === actor.id) return e;
        const { data: _data, ...rest } = e;
        return rest;
      }),
    };
  }
  return payload;
}

export interface StepVisibilityOptions {
  orm: Orm;
  definitions: DefinitionRepository;
}

/**
 * Enforces the steps' `visibleTo` (need to know) on every answer that shows a case's data or
 * history, in one hook before serialisation (so the PII masking and its audit see the filtered
 * answer). Published versions never change, so each is read once.
 */
export function registerStepVisibility(app: FastifyInstance, options: StepVisibilityOptions): void {
  const documents = new Map<string, ProcessDefinition | null>();
  const documentOf = async (id: string, version: number): Promise<ProcessDefinition | null> => {
    const key = `${id}@${version}`;
    if (!documents.has(key)) documents.set(key, (await options.definitions.get(id, version))?.document ?? null);
    return documents.get(key)!;
  };
  app.addHook('preSerialization', async (request, reply, payload) => {
    const route = request.routeOptions.url;
    if (route === undefined || !CASE_ROUTES.has(route) || reply.statusCode !== 200 || !request.actor || !isObj(payload)) return payload;
    let which: { definitionId: string; definitionVersion: number } | null = null;
    const view = route === '/api/tasks/:instanceId/:taskId' ? payload['case'] : payload;
    if (isObj(view) && typeof view['definitionId'] === 'string' && typeof view['definitionVersion'] === 'number') {
      which = { definitionId: view['definitionId'], definitionVersion: view['definitionVersion'] };
    } else if (typeof payload['instanceId'] === 'string') {
      which = await options.orm.em.fork().findOne(InstanceEntity, { instanceId: payload['instanceId'] }, { fields: ['definitionId', 'definitionVersion'], disableIdentityMap: true });
    }
    const definition = which ? await documentOf(which.definitionId, which.definitionVersion) : null;
    // A case whose definition cannot be read shows nothing of what a step may hide.
    if (!definition) throw new Error(`step visibility: no definition for ${route}`);
    return applyStepVisibility(request.actor, definition, route, payload);
  });
}
