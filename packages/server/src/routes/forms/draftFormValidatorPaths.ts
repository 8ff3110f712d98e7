/** Where draft forms' validators are compiled (POST) and served (`GET …/<sha256>.js`): draftFormValidators.routes.ts. */
export const DRAFT_FORM_VALIDATORS_PATH = '/api/forms/validators';
/** The route pattern of one draft form's module (`<sha256>.js`). */
export const DRAFT_FORM_VALIDATOR_MODULE_ROUTE = `${DRAFT_FORM_VALIDATORS_PATH}/:file`;
