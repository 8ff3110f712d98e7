/**
 * @civicflow/forms/react — React components over the forms core: the task form on @rjsf/core
 * with civicflow's widgets, and the form builder UI. The core entry (`@civicflow/forms`) has no
 * React; this entry re-exports nothing from it implicitly, so importing the core never pulls React.
 */
export { PlainText } from './PlainText.js';
