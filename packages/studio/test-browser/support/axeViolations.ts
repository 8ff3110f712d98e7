import axe from 'axe-core';

/**
 * axe-core over the page as it is now; the serious and critical violations, one readable line each
 * (rule, what it asks, where). An empty list is the bar every page must clear.
 */
export async function seriousViolations(context: Element | Document = document): Promise<string[]> {
  const results = await axe.run(context, { resultTypes: ['violations'] });
  // axe did look: a run that checked nothing would pass anything.
  if (results.passes.length === 0 && results.violations.length === 0) throw new Error('axe checked nothing');
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join('; ')}`);
}
