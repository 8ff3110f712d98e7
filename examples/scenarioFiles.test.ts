// Every saved scenario file of the examples (examples/<process>/scenarios/*.scenario.json, as the
// studio's simulator saves them) replays against its example's definitions with the real form
// validator and the calendar it names, and every expectation in it holds (runScenario checks them
// and that each instance's history rebuilds its snapshot).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CivicflowError } from '@civicflow/engine';
import type { ProcessDefinition } from '@civicflow/engine';
import { runScenario, validateScenario } from '@civicflow/engine/testing';
import type { ScenarioFile, ScenarioStep } from '@civicflow/engine/testing';
import { createFormValidator } from '@civicflow/forms';

const here = dirname(fileURLToPath(import.meta.url));
const EXAMPLES = ['community-affairs-access', 'dispute-mediation', 'emergency-mobilisation', 'grid-event-loop', 'village-election'];
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8')) as unknown;

/** The example's definitions: every JSON document of its folder that is a process definition (the process and its subprocesses). */
function definitionsOf(example: string): ProcessDefinition[] {
  return readdirSync(join(here, example))
    .filter((f) => f.endsWith('.json'))
    .map((f) => readJson(join(here, example, f)) as Partial<ProcessDefinition>)
    .filter((d): d is ProcessDefinition => typeof d.id === 'string' && typeof d.steps === 'object' && d.schemaVersion !== undefined);
}

function scenarioFilesOf(example: string): string[] {
  const dir = join(here, example, 'scenarios');
  return readdirSync(dir).filter((f) => f.endsWith('.scenario.json')).map((f) => join(dir, f));
}

const validator = createFormValidator();

describe.each(EXAMPLES)('the saved scenarios of %s', (example) => {
  const files = scenarioFilesOf(example);
  const definitions = definitionsOf(example);

  it('has at least one, each a valid scenario file of this example\'s process', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const doc = readJson(file) as ScenarioFile;
      expect(validateScenario(doc), file).toEqual([]);
      expect(definitions.map((d) => `${d.id}@${d.version}`), file).toContain(`${doc.definition.id}@${doc.definition.version}`);
    }
  });

  it.each(files.map((f) => [f.slice(here.length + 1), f]))('%s replays and every expectation holds', (_name, file) => {
    const doc = readJson(file) as ScenarioFile;
    const run = runScenario(definitions, doc, { validator });
    expect(run.observed).toMatchObject({ now: doc.expect!.now, status: doc.expect!.status, activeSteps: doc.expect!.activeSteps });
  });
});

describe('a saved scenario the process no longer agrees with', () => {
  const definitions = definitionsOf('dispute-mediation');
  const file = scenarioFilesOf('dispute-mediation').find((f) => f.endsWith('village-deadline-escalates-to-town.scenario.json'))!;
  const doc = readJson(file) as ScenarioFile;

  it('says where it stops: without the advance past the village deadline there is no timeout task for the chair', () => {
    const steps: ScenarioStep[] = doc.steps.filter((s) => !('advance' in s && s.advance === '2027-04-11T00:00:00+08:00'));
    let error: unknown;
    try {
      runScenario(definitions, { ...doc, steps }, { validator });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CivicflowError);
    const failure = error as CivicflowError;
    expect(failure.code).toBe('CF_ENGINE_SCENARIO_EXPECTATION_FAILED');
    // The checkpoint right after the (now missing) advance expected the timeout task.
    expect(failure.localized.en).toMatch(/^the scenario's expectation at step 5 \(expect\) does not hold: now should be 2027-04-11T00:00:00\+08:00, but is 2027-04-10T23:59:00\+08:00$/);
    expect(failure.localized['zh-CN']).toContain('第 5 步');
  });

  it('says which rule refused a submission the scenario expected to pass', () => {
    const steps = doc.steps.map((s) => ('complete' in s && s.complete.step === 'grading'
      ? { complete: { ...s.complete, data: { ...(s.complete.data as object), risk_colour: 'PURPLE' } } }
      : s));
    expect(() => runScenario(definitions, { ...doc, steps }, { validator })).toThrow(
      /CF_ENGINE_SCENARIO_STEP_FAILED: the scenario does not replay at step 3 \(complete grading as u-vmed-zhang\): the engine refused: CF_ENGINE_FORM_INVALID/,
    );
  });
});
