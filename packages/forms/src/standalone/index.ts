/**
 * @packageDocumentation
 * `@civicflow/forms/standalone`: precompiles a form's validators into a self-contained ES module
 * (no imports, no eval) for pages whose Content-Security-Policy forbids `'unsafe-eval'`. Servers
 * call it (it compiles with Ajv); pages load the module and wrap it with
 * `createPrecompiledFormValidator` from `@civicflow/forms`.
 */
export { compileFormValidatorModule } from './compileFormValidatorModule.js';
export type { CompileFormValidatorModuleOptions } from './compileFormValidatorModule.js';
export { PRECOMPILED_FORM_MODULE_FORMAT } from '../precompiled/precompiledFormModule.js';
export type { PrecompiledFormModule } from '../precompiled/precompiledFormModule.js';
