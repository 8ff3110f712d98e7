import type { LocalizedText, ProcessDefinition } from '@civicflow/engine';
import { defineCommand } from './composerCommand.js';
import type { ComposerCommand } from './composerCommand.js';
import { bilingual, refuse } from './composerEditError.js';
import { DEFINITION_ID } from './draftChecks.js';
import type { Patch } from './patches.js';
import { deepEqual } from './values.js';

function setMember(draft: ProcessDefinition, member: 'id' | 'title' | 'description' | 'version', value: unknown): Patch[] {
  const has = Object.hasOwn(draft, member);
  if (value === undefined) return has ? [{ op: 'delete', path: [member] }] : [];
  if (has && deepEqual(draft[member], value)) return [];
  // A new description goes after the title, where it is read.
  const position = Object.keys(draft).indexOf('title') + 1;
  return [{ op: 'set', path: [member], value, ...(has || position === 0 ? {} : { position }) }];
}

/** Refuses a process id that is not lower-case words joined by dashes. */
export function checkDefinitionId(id: string): void {
  if (!DEFINITION_ID.test(id)) {
    refuse('CF_COMPOSER_DEFINITION_ID', bilingual(`流程标识“${id}”不正确`, `the process id "${id}" is not valid`),
      bilingual('用小写英文单词和数字，以连字符连接，2–64 个字符，如 village-election', 'use lower-case words and digits joined by dashes, 2–64 characters, e.g. village-election'), '/id');
  }
}

/** Sets the process id (流程标识): lower-case words joined by dashes, e.g. `dispute-mediation`. */
export function setDefinitionId(id: string): ComposerCommand {
  return defineCommand('setDefinitionId', (draft) => {
    checkDefinitionId(id);
    return setMember(draft, 'id', id);
  });
}

/** Sets the process title in both languages. */
export function setDefinitionTitle(title: LocalizedText): ComposerCommand {
  return defineCommand('setDefinitionTitle', (draft) => setMember(draft, 'title', title));
}

/** Sets, or with `undefined` removes, the process description. */
export function setDefinitionDescription(description: LocalizedText | undefined): ComposerCommand {
  return defineCommand('setDefinitionDescription', (draft) => setMember(draft, 'description', description));
}

/** Sets the version number the draft will be published as (an integer ≥ 1). */
export function setDefinitionVersion(version: number): ComposerCommand {
  return defineCommand('setDefinitionVersion', (draft) => {
    if (!Number.isInteger(version) || version < 1) {
      refuse('CF_COMPOSER_INVALID_VALUE', bilingual(`版本号 ${version} 不正确`, `the version ${version} is not valid`), bilingual('版本号是不小于 1 的整数', 'a version is an integer of at least 1'), '/version');
    }
    return setMember(draft, 'version', version);
  });
}

/** Replaces the whole draft (an import): undoable like every other edit. */
export function replaceDefinition(definition: ProcessDefinition): ComposerCommand {
  return defineCommand('replaceDefinition', (draft) => (deepEqual(draft, definition) && JSON.stringify(draft) === JSON.stringify(definition) ? [] : [{ op: 'set', path: [], value: definition }]));
}
