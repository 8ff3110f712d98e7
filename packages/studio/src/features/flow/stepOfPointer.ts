/**
 * The step a `validateDefinition` problem concerns: the deepest `steps/<id>` in its JSON pointer
 * (steps nest inside parallel branches and ladder rungs), or undefined for problems about the
 * definition as a whole (roles, forms, config).
 *
 * @example stepOfPointer('/steps/handling/branches/0/steps/ladder/rungs/1/steps/tReview/next') // 'tReview'
 */
export function stepOfPointer(pointer: string): string | undefined {
  const segments = pointer.split('/').slice(1).map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let found: string | undefined;
  for (let i = 0; i + 1 < segments.length; i += 1) {
    if (segments[i] === 'steps') found = segments[i + 1];
  }
  return found;
}
