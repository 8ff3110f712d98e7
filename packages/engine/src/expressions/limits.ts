/**
 * Hard limits of the expression language. They keep a hostile or careless expression from
 * exhausting memory, the call stack or the CPU of a shared server (or a browser tab).
 */

/** Longest accepted expression source, in UTF-16 code units. */
export const MAX_EXPRESSION_LENGTH = 4000;

/** Deepest accepted syntax tree (and deepest bracket/operator nesting while parsing). */
export const MAX_EXPRESSION_DEPTH = 64;

/** Default evaluation budget: node visits plus list elements processed by functions. */
export const DEFAULT_MAX_STEPS = 100_000;

/** Longest list a function (built-in or host) may produce. */
export const MAX_LIST_LENGTH = 100_000;

/** Longest text `+`, `string()` or `concat` may produce. */
export const MAX_TEXT_LENGTH = 1_000_000;
