/**
 * The flow composer's editing model (pure, no React): a draft ProcessDefinition changed only
 * through commands with execute/revert, and a history with undo/redo (createComposer). The page
 * (`../ComposerPage.tsx`) drives it; tests drive it directly.
 */
export type { ComposerCommand } from './composerCommand.js';
export { batchCommands, defineCommand } from './composerCommand.js';
export { createComposer } from './createComposer.js';
export type { Composer, ComposerListener, ComposerResult } from './createComposer.js';
export { ComposerEditError, COMPOSER_EDIT_ERROR_CODES } from './composerEditError.js';
export type { ComposerEditErrorCode } from './composerEditError.js';
export { ROOT_REGION, allStepIds, findRegion, listRegions, listSteps, locateStep, sameRegion, toPointer, uniqueStepId } from './draftStructure.js';
export type { RegionInfo, RegionRef, StepLocation } from './draftStructure.js';
export { DEFINITION_ID, NAME_ID } from './draftChecks.js';
export { OPTIONAL_OUTCOMES, ROUTE_OUTCOMES, defaultRouteIndex, hasOutcome, outcomePath, routesOf, stepReferences } from './routes.js';
export type { RouteOutcome, StepReference } from './routes.js';
export { addStep, deleteStep, renameStep, setStart, setStepProperty } from './stepCommands.js';
export type { AddStepOptions } from './stepCommands.js';
export { addRoute, connect, deleteRoute, setNext, setRouteTarget, setRouteWhen } from './routeCommands.js';
export { LADDER_LEVELS, addRegion, removeRegion, setRegionProperty } from './regionCommands.js';
export { EMPTY_FORM_SCHEMA, addForm, addRole, removeForm, removeRole, setFormSchema, setFormTitle, setRoleTitle } from './catalogCommands.js';
export { checkDefinitionId, replaceDefinition, setDefinitionDescription, setDefinitionId, setDefinitionTitle, setDefinitionVersion } from './definitionCommands.js';
export { exportDefinition, importDefinition } from './importDefinition.js';
export type { ImportProblem, ImportResult } from './importDefinition.js';
export { locateJsonError } from './locateJsonError.js';
export type { JsonSyntaxError } from './locateJsonError.js';
export { kindTitle, newDefinition, stepTemplate } from './stepTemplates.js';
export { draftProblems } from './draftProblems.js';
export { applyPatch, applyPatches, getAt } from './patches.js';
export type { Patch, Path } from './patches.js';
export { deepEqual } from './values.js';
