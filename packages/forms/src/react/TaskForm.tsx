import { useCallback, useMemo, useState } from 'react';
import type { ReactElement } from 'react';
// Through the package's `./lib/*.js` export rather than its index: the index re-exports
// getTestRegistry, which imports @rjsf/validator-ajv8 — a devDependency of @rjsf/core 6.11.1 that
// is not installed, so bundlers (Vite, Storybook) fail on the index. We bring our own validator.
import Form from '@rjsf/core/lib/components/Form.js';
import type { IChangeEvent } from '@rjsf/core/lib/components/Form.js';
import type { RJSFSchema, RegistryFieldsType, RegistryWidgetsType, TemplatesType, UiSchema } from '@rjsf/utils';
import type { Locale } from '@civicflow/engine';
import type { CivicflowFormValidator } from '../index.js';
import { computeValues } from './computeValues.js';
import { CfGeoField } from './fields/CfGeoField.js';
import { CfSchemaField } from './fields/CfSchemaField.js';
import type { TaskFormContext, UploadFile } from './formContext.js';
import { createRjsfValidator } from './rjsfValidator.js';
import { TASK_FORM_CSS } from './taskFormStyles.js';
import { ArrayFieldItemButtons } from './templates/ArrayFieldItemButtons.js';
import { ArrayFieldItemTemplate } from './templates/ArrayFieldItemTemplate.js';
import { ArrayFieldTemplate } from './templates/ArrayFieldTemplate.js';
import { DescriptionField } from './templates/DescriptionField.js';
import { ErrorSummary } from './templates/ErrorSummary.js';
import { FieldErrors } from './templates/FieldErrors.js';
import { FieldHelp } from './templates/FieldHelp.js';
import { FieldTemplate } from './templates/FieldTemplate.js';
import { SubmitButton } from './templates/SubmitButton.js';
import { textButtonTemplates } from './templates/TextButton.js';
import { TitleField } from './templates/TitleField.js';
import { UnsupportedField } from './templates/UnsupportedField.js';
import { createTranslateString } from './uiText.js';
import { CfCheckboxesWidget } from './widgets/CfCheckboxesWidget.js';
import { CfComputedWidget } from './widgets/CfComputedWidget.js';
import { CfDateTimeWidget } from './widgets/CfDateTimeWidget.js';
import { CfDateWidget } from './widgets/CfDateWidget.js';
import { CfFileWidget } from './widgets/CfFileWidget.js';
import { CfGeoWidget } from './widgets/CfGeoWidget.js';
import { CfMoneyWidget } from './widgets/CfMoneyWidget.js';
import { CfPhotoWidget } from './widgets/CfPhotoWidget.js';
import { CfRadioWidget } from './widgets/CfRadioWidget.js';
import { CfSignatureWidget } from './widgets/CfSignatureWidget.js';

/**
 * civicflow's widgets under their FIELDS.md `ui:widget` names, plus replacements for rjsf's
 * defaults: plain `format: date`/`date-time` fields get the Shanghai date widgets (rjsf's own
 * date-time widget stores UTC), choices get labelled groups, and rjsf's data-URL file widget is
 * replaced so that no form ever stores a file's bytes.
 */
export const TASK_FORM_WIDGETS: RegistryWidgetsType = {
  'cf-date': CfDateWidget,
  'cf-datetime': CfDateTimeWidget,
  'cf-money': CfMoneyWidget,
  'cf-file': CfFileWidget,
  'cf-photo': CfPhotoWidget,
  'cf-signature': CfSignatureWidget,
  'cf-geo': CfGeoWidget,
  'cf-computed': CfComputedWidget,
  DateWidget: CfDateWidget,
  DateTimeWidget: CfDateTimeWidget,
  RadioWidget: CfRadioWidget,
  CheckboxesWidget: CfCheckboxesWidget,
  FileWidget: CfFileWidget,
};

/** The fields `<TaskForm>` adds to rjsf's: widget inference and the geo object field. */
export const TASK_FORM_FIELDS: RegistryFieldsType = { SchemaField: CfSchemaField, 'cf-geo': CfGeoField };

/** The templates `<TaskForm>` replaces: text-only rendering of authored text, the error summary, word buttons. */
export const TASK_FORM_TEMPLATES: Partial<TemplatesType> = {
  ArrayFieldTemplate,
  ArrayFieldItemTemplate,
  ArrayFieldItemButtonsTemplate: ArrayFieldItemButtons,
  DescriptionFieldTemplate: DescriptionField,
  ErrorListTemplate: ErrorSummary,
  FieldErrorTemplate: FieldErrors,
  FieldHelpTemplate: FieldHelp,
  FieldTemplate,
  TitleFieldTemplate: TitleField,
  UnsupportedFieldTemplate: UnsupportedField,
  ButtonTemplates: { SubmitButton, ...textButtonTemplates() },
};

/** Props of {@link TaskForm}. */
export interface TaskFormProps {
  /** The step's form schema (JSON Schema 2020-12 following FIELDS.md). */
  schema: RJSFSchema;
  /** The step's uiSchema. */
  uiSchema?: UiSchema | undefined;
  /** Initial data (a draft, or the data to show read-only). A new object resets the form to it. */
  formData?: unknown;
  /**
   * Called with the prepared data after it passed validation: hidden conditional fields removed,
   * ID numbers normalised, computed values filled in — exactly what the server validates. While
   * a returned promise is pending, the submit button is disabled and says "正在提交…".
   */
  onSubmit?: ((data: unknown) => void | Promise<void>) | undefined;
  /** Called with the data (not yet prepared: drafts keep what was typed in hidden fields) after each change. */
  onChange?: ((data: unknown) => void) | undefined;
  /** Language of the interface and messages; default `zh-CN`. */
  locale?: Locale | undefined;
  /** Large-text (适老化) mode: bigger text and touch targets. Also the class `cf-task-form--large`. */
  largeText?: boolean | undefined;
  /** The host's upload port for file, photo and signature fields. */
  uploadFile?: UploadFile | undefined;
  /** Shows the data without letting it be changed, and without a submit button. */
  readOnly?: boolean | undefined;
  /** Disables every control, including submit. */
  disabled?: boolean | undefined;
  /** The core validator to use (e.g. one created with `today` for the ID-number birth-date check); default a shared one. */
  validator?: CivicflowFormValidator | undefined;
  /** Prefix of the field ids (default `root`); set it when a page shows two forms. */
  idPrefix?: string | undefined;
  /** Extra class on the wrapper. */
  className?: string | undefined;
  /** Renders {@link TASK_FORM_CSS} (default true); turn off to serve the CSS yourself (e.g. under a strict CSP). */
  injectStyles?: boolean | undefined;
}

function withDefaults(uiSchema: UiSchema | undefined, readOnly: boolean): UiSchema {
  const ui = uiSchema ?? {};
  const global = (ui['ui:globalOptions'] ?? {}) as Record<string, unknown>;
  const submit = (ui['ui:submitButtonOptions'] ?? {}) as Record<string, unknown>;
  return {
    ...ui,
    // Fewer buttons per list item: moving and copying items is rarely needed and easy to hit by mistake on a phone.
    'ui:globalOptions': { orderable: false, copyable: false, ...global },
    'ui:submitButtonOptions': readOnly ? { ...submit, norender: true } : submit,
  };
}

/**
 * The form a person fills in for a task: rjsf (`@rjsf/core`) with civicflow's validator, widgets
 * and templates. It validates with exactly the server's rules and zh-CN / en messages; after a
 * failed submit an error summary at the top lists every problem as a link to its field and takes
 * focus. Hidden conditional fields are dropped before validation and before `onSubmit`. Every
 * authored text (titles, descriptions, option labels, messages) is rendered as text, never HTML.
 */
export function TaskForm(props: TaskFormProps): ReactElement {
  const { schema, uiSchema, formData, onSubmit, onChange, locale = 'zh-CN', largeText = false, uploadFile, readOnly = false, disabled = false, validator: core, idPrefix = 'root', className, injectStyles = true } = props;
  const validator = useMemo(() => createRjsfValidator({ locale, validator: core }), [locale, core]);
  const translateString = useMemo(() => createTranslateString(locale), [locale]);
  const ui = useMemo(() => withDefaults(uiSchema, readOnly), [uiSchema, readOnly]);

  const [data, setData] = useState<unknown>(() => computeValues(schema, formData));
  // Compared by content, not identity: a host that passes `formData={{ … }}` inline must not wipe
  // what the person typed each time it re-renders.
  const sourceKey = JSON.stringify([schema, formData ?? null]);
  const [source, setSource] = useState(sourceKey);
  if (source !== sourceKey) {
    // New initial data from the host (another task, a reloaded draft): start over from it.
    setSource(sourceKey);
    setData(computeValues(schema, formData));
  }
  const [focusRequest, setFocusRequest] = useState(0);
  const [submitting, setSubmitting] = useState(false);

  const formContext = useMemo<TaskFormContext>(() => ({ locale, uploadFile, focusRequest, largeText, submitting }), [locale, uploadFile, focusRequest, largeText, submitting]);

  const handleChange = useCallback(
    (event: IChangeEvent) => {
      const next = computeValues(schema, event.formData);
      setData(next);
      onChange?.(next);
    },
    [schema, onChange],
  );

  const handleSubmit = useCallback(
    async (event: IChangeEvent) => {
      const prepared = validator.prepare(schema, computeValues(schema, event.formData));
      if (!onSubmit) return;
      setSubmitting(true);
      try {
        await onSubmit(prepared);
      } finally {
        setSubmitting(false);
      }
    },
    [schema, validator, onSubmit],
  );

  const handleError = useCallback(() => setFocusRequest((n) => n + 1), []);

  const classes = ['cf-task-form', largeText ? 'cf-task-form--large' : '', className ?? ''].filter(Boolean).join(' ');
  return (
    <div className={classes} lang={locale}>
      {injectStyles && (
        <style href="civicflow-task-form" precedence="default">
          {TASK_FORM_CSS}
        </style>
      )}
      <Form
        schema={schema}
        uiSchema={ui}
        formData={data}
        validator={validator}
        widgets={TASK_FORM_WIDGETS}
        fields={TASK_FORM_FIELDS}
        templates={TASK_FORM_TEMPLATES}
        formContext={formContext}
        translateString={translateString}
        idPrefix={idPrefix}
        readonly={readOnly}
        disabled={disabled}
        showErrorList="top"
        // Our validator (the server's rules and messages) decides; the browser's own bubbles would be a second, different voice.
        noHtml5Validate
        // rjsf would otherwise pre-fill \`const\` values as defaults: a required confirmation
        // (\`const: true\`) would arrive ticked, and a choice would arrive set to its first option.
        experimental_defaultFormStateBehavior={{ constAsDefaults: 'never', emptyObjectFields: 'populateRequiredDefaults' }}
        onChange={handleChange}
        onSubmit={(e) => void handleSubmit(e)}
        onError={handleError}
      />
    </div>
  );
}
