import type { BilingualText } from './model.js';

/** Where an import problem sits: the schema or the uiSchema. */
export type ImportProblemSource = 'schema' | 'uiSchema';

/** Why a schema cannot be edited visually; thrown inside the importer, returned by `importForm`. */
export class ImportProblem extends Error {
  constructor(
    readonly reason: BilingualText,
    readonly pointer: string,
    readonly source: ImportProblemSource = 'schema',
  ) {
    super(`${reason.en} (at ${source} ${pointer || '/'})`);
    this.name = 'ImportProblem';
  }
}

/** Throws an {@link ImportProblem}. */
export function unsupported(pointer: string, zh: string, en: string, source: ImportProblemSource = 'schema'): never {
  throw new ImportProblem({ 'zh-CN': zh, en }, pointer, source);
}

/** Appends an escaped key to a JSON pointer. */
export function childPointer(pointer: string, key: string | number): string {
  return `${pointer}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}
