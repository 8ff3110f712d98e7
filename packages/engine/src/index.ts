/**
 * @civicflow/engine — governance processes as declarative definitions, compiled to XState v5 and
 * run by a pure step: (definition, snapshot, command, {now, actor}) → (snapshot, events, effects).
 * No I/O, no clock, no randomness inside; the host runs the effects.
 */
export type { Locale, LocalizedText } from './i18n.js';
export { pickText } from './i18n.js';
export type { FormValidator, FormValidationResult, FormValidationError } from './ports.js';
export { ENGINE_ERRORS, CivicflowError, isCivicflowError } from './errors.js';
export type { EngineErrorCode, ErrorCatalogueEntry } from './errors.js';
export { errorCatalogue, renderErrorCatalogue } from './errorCatalogue.js';
export type { CatalogueRow, ErrorSource } from './errorCatalogue.js';

export * from './definition/types.js';
export { validateDefinition, isValidDefinition } from './definition/validateDefinition.js';
export { DEFINITION_PROBLEM_CODES } from './definition/problems.js';
export { DEFINITION_JSON_SCHEMA } from './definition/definitionSchema.js';
export type { DefinitionProblem, DefinitionProblemCode } from './definition/problems.js';
export { migrateDefinition, DEFINITION_MIGRATIONS } from './definition/migrateDefinition.js';
export type { DefinitionMigration } from './definition/migrateDefinition.js';

export { compile } from './compile/compileProcess.js';
export type { CompiledProcess } from './compile/compileProcess.js';
export { startInstance, step, replay, INPUT_EVENT_TYPES } from './runtime/engine.js';
export type { EngineOptions, StartOptions } from './runtime/engine.js';
export { openTasks, taskPart } from './runtime/openTasks.js';
export { taskStepId } from './runtime/taskParts.js';
export { activeSteps } from './runtime/activeSteps.js';
export { runCommand, startStored } from './store/runCommand.js';
export type { InstanceStore, StoredInstance, DueTimer } from './store/InstanceStore.js';
export { migrateSnapshot } from './runtime/migrateSnapshot.js';
export { upgradeSnapshot } from './runtime/upgradeSnapshot.js';
export { SNAPSHOT_FORMAT } from './runtime/types.js';
export type { SnapshotMigration } from './runtime/migrateSnapshot.js';
export type { TaskView } from './runtime/openTasks.js';
export { canAct, isEligible } from './runtime/permissions.js';
export type * from './runtime/types.js';

export * from './calendar/index.js';
export {
  parseExpression, tryParseExpression, evaluate, evaluateBoolean, references, ExpressionError, EXPRESSION_ERROR_CODES, BUILTIN_FUNCTION_NAMES,
} from './expressions/index.js';
export type { ParsedExpression, ExpressionErrorInfo } from './expressions/index.js';
export { ENGINE_FUNCTION_NAMES } from './compile/engineFunctionNames.js';
export * from './vote/index.js';
export { isOrgUnitPath, ancestorAtLevel, levelOf, isWithin } from './orgUnits/orgUnitPath.js';
