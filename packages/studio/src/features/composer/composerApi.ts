import type { DefinitionProblem, LocalizedText, ProcessDefinition } from '@civicflow/engine';
import { ApiError } from '../../api/ApiError.js';
import { request } from '../../api/client.js';

/** The answer of POST /api/definitions (201 a new version, 200 the identical one again). */
export interface PublishResult {
  created: boolean;
  id: string;
  version: number;
  title: LocalizedText;
  sha256: string;
  publishedAt: string;
  /** Problems of severity `warning`: published anyway. */
  warnings: DefinitionProblem[];
}

/** Publishes the draft as a new version (administrators only; the server validates it again). */
export function publishDefinition(definition: ProcessDefinition): Promise<PublishResult> {
  return request<PublishResult>('/api/definitions', { method: 'POST', body: definition });
}

const isProblem = (p: unknown): p is DefinitionProblem => typeof p === 'object' && p !== null
  && typeof (p as DefinitionProblem).pointer === 'string' && typeof (p as DefinitionProblem).code === 'string'
  && typeof (p as DefinitionProblem).message?.en === 'string' && typeof (p as DefinitionProblem).message['zh-CN'] === 'string';

/**
 * The problems of a refused publication (422 CF_SERVER_DEFINITION_INVALID lists every problem in
 * `details`, each with its JSON pointer), or undefined for any other failure.
 */
export function problemsOfRefusal(error: unknown): DefinitionProblem[] | undefined {
  if (!(error instanceof ApiError) || error.status !== 422 || !Array.isArray(error.details)) return undefined;
  return error.details.filter(isProblem).map((p) => ({ ...p, hint: p.hint ?? p.message, severity: p.severity === 'warning' ? 'warning' : 'error' }));
}
