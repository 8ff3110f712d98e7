/**
 * @civicflow/forms/react — React components over the forms core: the task form on @rjsf/core
 * with civicflow's widgets, and the form builder UI. The core entry (`@civicflow/forms`) has no
 * React; this entry re-exports nothing from it implicitly, so importing the core never pulls React.
 */
export { PlainText } from './PlainText.js';
export { TaskForm, TASK_FORM_WIDGETS, TASK_FORM_FIELDS, TASK_FORM_TEMPLATES } from './TaskForm.js';
export type { TaskFormProps } from './TaskForm.js';
export { createRjsfValidator, errorPointer } from './rjsfValidator.js';
export type { CivicflowRjsfValidator, CreateRjsfValidatorOptions, CivicflowErrorParams } from './rjsfValidator.js';
export type { UploadFile, TaskFormContext } from './formContext.js';
export { TASK_FORM_CSS } from './taskFormStyles.js';
export { computeValues } from './computeValues.js';
export { inferUiSchema } from './fields/inferUiSchema.js';
export { fieldIdForPointer, focusField } from './focusField.js';
export { uiText } from './uiText.js';
export type { UiText } from './uiText.js';
export { CfDateWidget } from './widgets/CfDateWidget.js';
export { CfDateTimeWidget } from './widgets/CfDateTimeWidget.js';
export { CfMoneyWidget, formatYuan, parseYuan } from './widgets/CfMoneyWidget.js';
export { CfFileWidget } from './widgets/CfFileWidget.js';
export { CfPhotoWidget } from './widgets/CfPhotoWidget.js';
export { CfSignatureWidget } from './widgets/CfSignatureWidget.js';
export { CfGeoWidget, GEO_CRS } from './widgets/CfGeoWidget.js';
export type { GeoValue } from './widgets/CfGeoWidget.js';
export { CfComputedWidget } from './widgets/CfComputedWidget.js';
export { CfRadioWidget } from './widgets/CfRadioWidget.js';
export { CfCheckboxesWidget } from './widgets/CfCheckboxesWidget.js';
export { shanghaiToday, shanghaiNow, toShanghaiParts, fromShanghaiParts } from './widgets/shanghaiTime.js';
export type { ShanghaiParts } from './widgets/shanghaiTime.js';
export { FormBuilder, BUILDER_CSS, type FormBuilderProps, type PreviewValidatorRequest, type PreviewValidatorSource } from './builder/FormBuilder.js';
