declare module 'virtual:civicflow/form-validators' {
  import type { PrecompiledFormModule } from '@civicflow/forms';
  /** Each form's validator, precompiled at build time: `{ [formId]: module }` (vite/precompiledFormValidators.ts). */
  const modules: Record<string, PrecompiledFormModule>;
  export default modules;
}
