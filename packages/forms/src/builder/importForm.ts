import { canonicalJson, firstDifference } from './canonicalJson.js';
import { checkModel } from './checkModel.js';
import { exportForm } from './exportForm.js';
import { FormEditError } from './formEditError.js';
import { importField } from './importField.js';
import { allowOnlyKeywords, isJsonObject } from './importHelpers.js';
import { ImportProblem, unsupported } from './importProblem.js';
import type { ImportProblemSource } from './importProblem.js';
import { importSection } from './importSection.js';
import { pointerOfFieldPath } from './fieldPointer.js';
import type { BilingualText, FormModel } from './model.js';

/** A form as stored in a process definition (`forms[*]`): its schema and optional uiSchema. */
export interface FormToImport {
  readonly schema: unknown;
  readonly uiSchema?: unknown;
}

/** What {@link importForm} found. */
export type ImportFormResult =
  | { readonly editable: true; readonly model: FormModel }
  | {
      readonly editable: false;
      /** Which construct the builder cannot edit, and why. */
      readonly reason: BilingualText;
      /** JSON pointer of that construct in `source`. */
      readonly pointer: string;
      readonly source: ImportProblemSource;
    };


/**
 * Reads a form into a builder model. Editable only when the schema and uiSchema use nothing but
 * the shapes of FIELDS.md (plus the extra shapes the example forms use: see `builder/README.md`)
 * and exporting the model gives back exactly the same JSON (key order aside), so that
 * opening and saving a form never changes it. Otherwise the form opens read-only and the result
 * names the construct and where it is.
 */
export function importForm(form: FormToImport): ImportFormResult {
  let model: FormModel | undefined;
  try {
    const { schema } = form;
    const uiSchema = form.uiSchema ?? {};
    if (!isJsonObject(schema)) unsupported('', '表单的 schema 应为对象', 'the form schema must be an object');
    allowOnlyKeywords(schema, ['type', 'properties', 'required', 'additionalProperties', 'allOf'], 'form', '');
    model = { root: importSection(schema, uiSchema, { pointer: '', uiPointer: '' }, importField) };
    checkModel(model);
    const exported = exportForm(model);
    for (const [source, original, written] of [
      ['schema', schema, exported.schema],
      ['uiSchema', uiSchema, exported.uiSchema],
    ] as const) {
      if (canonicalJson(original) !== canonicalJson(written)) {
        const pointer = firstDifference(original, written) ?? '';
        unsupported(
          pointer,
          `构建器会把 ${pointer || '/'} 写成不同的样子（不是构建器的写法），为避免保存时改变表单，只读打开`,
          `the builder would write ${pointer || '/'} differently (it is not the builder's way of writing it); opened read-only so that saving cannot change the form`,
          source,
        );
      }
    }
    return { editable: true, model };
  } catch (err) {
    if (err instanceof ImportProblem) return { editable: false, reason: err.reason, pointer: err.pointer, source: err.source };
    if (err instanceof FormEditError) return { editable: false, reason: err.messages, pointer: model ? pointerOfFieldPath(model, err.path) : '', source: 'schema' };
    throw err;
  }
}
