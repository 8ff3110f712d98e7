/**
 * The pure form-builder model (no React): import a form, edit it with undoable commands, export it.
 */
export * from './model.js';
export { importForm } from './importForm.js';
export type { FormToImport, ImportFormResult } from './importForm.js';
export type { ImportProblemSource } from './importProblem.js';
export { exportForm } from './exportForm.js';
export { checkModel } from './checkModel.js';
export { createEmptyForm, createField, emptySection } from './createField.js';
export type { NewFieldInit } from './createField.js';
export { createBuilder } from './createBuilder.js';
export { createCommandHistory } from './commandHistory.js';
export type { CommandHistory, CommandResult, UndoableCommand } from './commandHistory.js';
export type { ExecuteResult, FormBuilder, FormBuilderListener } from './createBuilder.js';
export { FORM_EDIT_ERROR_CODES, FormEditError } from './formEditError.js';
export type { FormEditErrorCode } from './formEditError.js';
export { FIELD_ID_PATTERN, isValidFieldId } from './fieldId.js';
export { FIELD_WIDGETS } from './fieldWidgets.js';
export { getField, getSection } from './modelPaths.js';
export { canonicalJson } from './canonicalJson.js';
export * from './commands/index.js';
