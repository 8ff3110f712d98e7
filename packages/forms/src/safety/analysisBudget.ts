/** Thrown when an analysis would need more work than its {@link AnalysisBudget} allows. */
export class AnalysisTooLarge extends Error {
  constructor() {
    super('the pattern is too large to analyse');
    this.name = 'AnalysisTooLarge';
  }
}

/** A countdown of work units shared by the steps of one analysis, so that no input can make it slow. */
export class AnalysisBudget {
  #left: number;

  constructor(units: number) {
    this.#left = units;
  }

  /** Units not used yet (negative once exhausted). */
  get left(): number {
    return this.#left;
  }

  /** Uses `units`; throws {@link AnalysisTooLarge} when the budget is exhausted. */
  spend(units = 1): void {
    this.#left -= units;
    if (this.#left < 0) throw new AnalysisTooLarge();
  }
}
