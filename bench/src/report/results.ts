import { round } from '../support/stats.js';

/** One measured number: its value, its unit and what it is. */
export interface Figure {
  value: number;
  unit: string;
  label: string;
  /** How it was measured, when the label does not say. */
  note?: string;
}

/** A ratio of two figures measured side by side in the same run. */
export interface Ratio {
  value: number;
  label: string;
}

/** A target of issue 6 and whether this run met it. */
export interface TargetCheck {
  name: string;
  target: string;
  actual: string;
  met: boolean;
}

/** Everything one `pnpm bench` run measured (written to bench/results/latest.json). */
export interface BenchResults {
  mode: 'quick' | 'full';
  startedAt: string;
  durationSeconds: number;
  machine: { node: string; cpus: number; cpuModel: string; loadAverageAtStart: number[]; memoryGiB: number };
  figures: Record<string, Figure>;
  ratios: Record<string, Ratio>;
  targets: TargetCheck[];
  /** What was measured differently from the wording, or not at all, and why. */
  notes: string[];
}

/** Collects figures as the sections measure them. */
export class ResultSet {
  readonly figures: Record<string, Figure> = {};
  readonly ratios: Record<string, Ratio> = {};
  readonly notes: string[] = [];

  /** Records a figure under a dotted key (`engine.civicflow.instancesPerSecond`), rounded to 3 significant digits. */
  add(key: string, value: number, unit: string, label: string, note?: string): number {
    this.figures[key] = { value: round(value), unit, label, ...(note ? { note } : {}) };
    return value;
  }

  value(key: string): number | undefined {
    return this.figures[key]?.value;
  }

  ratio(key: string, value: number, label: string): void {
    this.ratios[key] = { value: round(value), label };
  }

  note(text: string): void {
    this.notes.push(text);
  }
}
