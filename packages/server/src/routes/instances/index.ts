import type { FastifyInstance } from 'fastify';
import type { DefinitionRepository } from '../../definitions/definitionRepository.js';
import { createInstanceService } from '../../instances/instanceService.js';
import type { InstanceService, InstanceServiceOptions } from '../../instances/instanceService.js';
import type { Orm } from '../../orm/createOrm.js';
import { taskRoutes } from '../tasks/tasks.routes.js';
import { instanceRoutes } from './instances.routes.js';

export interface CaseRoutesOptions extends Partial<Omit<InstanceServiceOptions, 'orm' | 'definitions'>> {
  orm: Orm;
  definitions: DefinitionRepository;
  /** The service to serve; default one made from the other options. */
  service?: InstanceService;
}

/** Registers the case (instance) and task routes over one InstanceService. Needs the database and auth. */
export async function caseRoutes(app: FastifyInstance, options: CaseRoutesOptions): Promise<void> {
  const service = options.service ?? createInstanceService(options);
  await app.register(instanceRoutes, { service });
  await app.register(taskRoutes, { service, orm: options.orm });
}

export { instanceRoutes, taskRoutes };
export type { InstanceRoutesOptions } from './instances.routes.js';
export type { TaskRoutesOptions } from '../tasks/tasks.routes.js';
