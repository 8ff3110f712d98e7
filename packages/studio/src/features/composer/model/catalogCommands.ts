import type { FormDefinition, LocalizedText, ProcessDefinition, RoleDefinition } from '@civicflow/engine';
import { defineCommand } from './composerCommand.js';
import type { ComposerCommand } from './composerCommand.js';
import { bilingual, refuse } from './composerEditError.js';
import { checkFreeId, checkNameId } from './draftChecks.js';
import { listSteps, toPointer } from './draftStructure.js';
import type { Patch } from './patches.js';
import { deepEqual } from './values.js';

const ROLE = { zh: '角色', en: 'role' };
const FORM = { zh: '表单', en: 'form' };

/** Step members that name a role (anywhere inside a step: assignees, notifications). */
const ROLE_MEMBERS = new Set(['role']);
/** Step members that name a form. */
const FORM_MEMBERS = new Set(['form', 'supplementaryForm', 'handleForm']);

/** The steps that name `id` in one of `members` (at any depth inside the step). */
function stepsNaming(draft: ProcessDefinition, id: string, members: ReadonlySet<string>): string[] {
  const names = (value: unknown): boolean => {
    if (Array.isArray(value)) return value.some(names);
    if (typeof value !== 'object' || value === null) return false;
    return Object.entries(value).some(([k, v]) => (members.has(k) && v === id) || (k !== 'steps' && names(v)));
  };
  return listSteps(draft).filter(({ step }) => names(step)).map((s) => s.id);
}

/** Adds the member `id` to the catalogue `key` (`roles` or `forms`), creating the catalogue when the draft has none. */
function addEntry(draft: ProcessDefinition, key: 'roles' | 'forms', id: string, entry: unknown): Patch[] {
  const words = key === 'roles' ? ROLE : FORM;
  const catalogue = draft[key] as Record<string, unknown> | undefined;
  const pointer = `/${key}/${id}`;
  checkNameId(id, words, pointer);
  checkFreeId(id, new Set(Object.keys(catalogue ?? {})), words, pointer);
  return catalogue === undefined ? [{ op: 'set', path: [key], value: { [id]: entry } }] : [{ op: 'set', path: [key, id], value: entry }];
}

function requireEntry(draft: ProcessDefinition, key: 'roles' | 'forms', id: string): void {
  if (!Object.hasOwn(draft[key] ?? {}, id)) {
    const words = key === 'roles' ? ROLE : FORM;
    refuse(key === 'roles' ? 'CF_COMPOSER_ROLE_NOT_FOUND' : 'CF_COMPOSER_FORM_NOT_FOUND', bilingual(`没有${words.zh} ${id}`, `there is no ${words.en} ${id}`),
      bilingual(`从列表中选择一个现有${words.zh}，或先添加它`, `choose an existing ${words.en}, or add it first`), `/${key}`);
  }
}

function setEntryMember(draft: ProcessDefinition, key: 'roles' | 'forms', id: string, member: string, value: unknown): Patch[] {
  requireEntry(draft, key, id);
  const entry = (draft[key] as unknown as Record<string, Record<string, unknown>>)[id]!;
  if (value === undefined) return Object.hasOwn(entry, member) ? [{ op: 'delete', path: [key, id, member] }] : [];
  return deepEqual(entry[member], value) && Object.hasOwn(entry, member) ? [] : [{ op: 'set', path: [key, id, member], value }];
}

function removeEntry(draft: ProcessDefinition, key: 'roles' | 'forms', id: string): Patch[] {
  requireEntry(draft, key, id);
  const users = stepsNaming(draft, id, key === 'roles' ? ROLE_MEMBERS : FORM_MEMBERS);
  if (users.length > 0) {
    const words = key === 'roles' ? ROLE : FORM;
    refuse(key === 'roles' ? 'CF_COMPOSER_ROLE_IN_USE' : 'CF_COMPOSER_FORM_IN_USE',
      bilingual(`${words.zh} ${id} 仍被步骤 ${users.join('、')} 使用，不能删除`, `the ${words.en} ${id} is still used by step ${users.join(', ')}, so it cannot be removed`),
      bilingual(`先让这些步骤改用其他${words.zh}`, `make those steps use another ${words.en} first`), `/${key}/${id}`);
  }
  return [{ op: 'delete', path: [key, id] }];
}

/** Adds a role (办理角色) with its title; the id is what steps name (e.g. `V_MED`). */
export function addRole(id: string, title: LocalizedText): ComposerCommand {
  return defineCommand('addRole', (draft) => addEntry(draft, 'roles', id, { title } satisfies RoleDefinition));
}

/** Changes a role's title. */
export function setRoleTitle(id: string, title: LocalizedText): ComposerCommand {
  return defineCommand('setRoleTitle', (draft) => setEntryMember(draft, 'roles', id, 'title', title));
}

/** Removes a role no step uses. */
export function removeRole(id: string): ComposerCommand {
  return defineCommand('removeRole', (draft) => removeEntry(draft, 'roles', id));
}

/** The schema a new form starts with: an object without fields yet (the form builder adds them). */
export const EMPTY_FORM_SCHEMA = { type: 'object', properties: {} } as const;

/** Adds a form with its title and, by default, no fields yet. */
export function addForm(id: string, title: LocalizedText, schema: Record<string, unknown> = { ...EMPTY_FORM_SCHEMA, properties: {} }): ComposerCommand {
  return defineCommand('addForm', (draft) => addEntry(draft, 'forms', id, { title, schema } satisfies FormDefinition));
}

/** Changes a form's title. */
export function setFormTitle(id: string, title: LocalizedText): ComposerCommand {
  return defineCommand('setFormTitle', (draft) => setEntryMember(draft, 'forms', id, 'title', title));
}

/**
 * Replaces a form's schema and uiSchema (what the form builder saves). An empty uiSchema is not
 * written to a form that had none, so that opening and saving a form changes nothing.
 */
export function setFormSchema(id: string, form: { schema: Record<string, unknown>; uiSchema?: Record<string, unknown> | undefined }): ComposerCommand {
  return defineCommand('setFormSchema', (draft) => {
    requireEntry(draft, 'forms', id);
    if (typeof form.schema !== 'object' || form.schema === null || form.schema['type'] !== 'object') {
      refuse('CF_COMPOSER_FORM_SCHEMA', bilingual(`表单 ${id} 的 schema 必须是 type 为 object 的 JSON Schema`, `the schema of form ${id} must be a JSON Schema of type "object"`),
        bilingual('在表单设计器中编辑表单', 'edit the form in the form builder'), toPointer(['forms', id, 'schema']));
    }
    const current = draft.forms[id]!;
    const uiSchema = form.uiSchema && (Object.keys(form.uiSchema).length > 0 || current.uiSchema !== undefined) ? form.uiSchema : undefined;
    return [...setEntryMember(draft, 'forms', id, 'schema', form.schema), ...setEntryMember(draft, 'forms', id, 'uiSchema', uiSchema)];
  });
}

/** Removes a form no step uses. */
export function removeForm(id: string): ComposerCommand {
  return defineCommand('removeForm', (draft) => removeEntry(draft, 'forms', id));
}
