import type { ProcessDefinition } from '@civicflow/engine';
import { bilingual, refuse } from './composerEditError.js';
import { applyPatches } from './patches.js';
import type { Patch } from './patches.js';

/**
 * One composer edit (bpmn-io/form-js style, like the form builder's commands): `execute` returns
 * the edited draft or throws a `ComposerEditError` and changes nothing; `revert`, given the draft
 * `execute` returned, returns the draft `execute` was given (deep-equal, key order included).
 * A command remembers what it needs to revert during `execute`, so execute it again before
 * reverting it again (redo).
 */
export interface ComposerCommand {
  /** Command name, e.g. `addStep` (for history lists and logs). */
  readonly name: string;
  execute(draft: ProcessDefinition): ProcessDefinition;
  revert(draft: ProcessDefinition): ProcessDefinition;
  /** False when the last `execute` changed nothing (the history does not keep such a command). */
  readonly changed: boolean;
}

/**
 * Builds a command from `plan`, which reads the draft, refuses bad input, and returns the patches
 * that make the edit. Reverting applies the patches' inverses, so it touches only what the edit
 * touched.
 */
export function defineCommand(name: string, plan: (draft: ProcessDefinition) => readonly Patch[]): ComposerCommand {
  let inverse: Patch[] | undefined;
  return {
    name,
    get changed() {
      return inverse !== undefined && inverse.length > 0;
    },
    execute(draft) {
      const result = applyPatches(draft, plan(draft));
      inverse = result.inverse;
      return result.doc as ProcessDefinition;
    },
    revert(draft) {
      if (!inverse) {
        refuse('CF_COMPOSER_NOT_EXECUTED', bilingual(`命令 ${name} 尚未执行，不能撤销`, `the command ${name} has not been executed, so it cannot be reverted`),
          bilingual('先执行命令，再撤销', 'execute the command before reverting it'));
      }
      return applyPatches(draft, inverse).doc as ProcessDefinition;
    },
  };
}

/**
 * Several commands as one edit (one step of undo), e.g. "create a form and use it in this step".
 * They run in order, each on the draft the one before produced; a refusal of any leaves the draft
 * as it was.
 */
export function batchCommands(name: string, commands: readonly ComposerCommand[]): ComposerCommand {
  let ran: ComposerCommand[] = [];
  return {
    name,
    get changed() {
      return ran.some((c) => c.changed);
    },
    execute(draft) {
      ran = [];
      let current = draft;
      for (const command of commands) {
        current = command.execute(current);
        ran.push(command);
      }
      return current;
    },
    revert(draft) {
      if (ran.length !== commands.length) {
        refuse('CF_COMPOSER_NOT_EXECUTED', bilingual(`命令 ${name} 尚未执行，不能撤销`, `the command ${name} has not been executed, so it cannot be reverted`),
          bilingual('先执行命令，再撤销', 'execute the command before reverting it'));
      }
      let current = draft;
      for (const command of [...ran].reverse()) current = command.revert(current);
      return current;
    },
  };
}
