import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CN_2027 } from '@civicflow/engine';
import type { ProcessDefinition } from '@civicflow/engine';
import { createSimulation } from '@civicflow/engine/testing';
import { createFormValidator } from '@civicflow/forms';
import { scenarioFileName } from '../src/features/simulator/downloadScenario.js';
import { subprocessReferences } from '../src/features/simulator/loadSimulatedProcess.js';
import { DEFAULT_UNIT, defaultStarter, roleChoices, simulatedActor, unitChoices, withCode } from '../src/features/simulator/simulatedPeople.js';
import { DEFAULT_START, startInstant } from '../src/features/simulator/SimulationSetupForm.js';

// The simulator's choices before anything runs: who starts each example by default, the people
// and units offered, the start instant, the subprocesses to load, the saved file's name.

const examples = join(dirname(fileURLToPath(import.meta.url)), '../../../examples');
const load = (path: string) => JSON.parse(readFileSync(join(examples, path), 'utf8')) as ProcessDefinition;
const dispute = load('dispute-mediation/process.json');
const election = load('village-election/process.json');
const vetting = load('village-election/candidate-vetting.json');
const emergency = load('emergency-mobilisation/process.json');

describe('the simulator\'s starting choices', () => {
  it('starts each example as the assignee of its first task, in the demo unit of that task\'s level', () => {
    // receipt (decision) → its default route → intake, by the village mediator in the village
    expect(defaultStarter(dispute)).toEqual({ role: 'V_MED', orgUnit: DEFAULT_UNIT });
    // the township's plan: the town
    expect(defaultStarter(election)).toEqual({ role: 'TWP_LEAD', orgUnit: 'county:huaxi/town:qingshi' });
    // a parallel step: its first branch's first task
    expect(defaultStarter(emergency)).toEqual({ role: 'TWP_DUTY', orgUnit: DEFAULT_UNIT });
  });

  it('the default start, a workday morning, is read as Beijing time; other input is refused', () => {
    expect(startInstant(DEFAULT_START)).toBe('2027-03-10T09:00:00+08:00');
    expect(CN_2027.restDays).not.toContain('2027-03-10');
    expect(startInstant('2027-02-30T09:00')).toBeUndefined();
    expect(startInstant('')).toBeUndefined();
    expect(startInstant('2027-03-10')).toBeUndefined();
  });

  it('acts as a role in a unit under an id naming both, or as a named person', () => {
    expect(simulatedActor('V_MED', DEFAULT_UNIT)).toEqual({ id: 'V_MED@qingshicun', roles: ['V_MED'], orgUnit: DEFAULT_UNIT });
    expect(simulatedActor('VET_DEPT', 'county:huaxi/dept:gongan').id).toBe('VET_DEPT@gongan');
    expect(simulatedActor('BAOBAO', 'county:huaxi/town:qingshi/village:xiahe', 'pm-dang01')).toMatchObject({ id: 'pm-dang01', personId: 'pm-dang01' });
    expect(withCode('村调解员', 'V_MED', 'zh-CN')).toBe('村调解员（V_MED）');
    expect(withCode('village mediator', 'V_MED', 'en')).toBe('village mediator (V_MED)');
  });

  it('offers the demo county\'s units and any unit a task is assigned to, each once, parents first', () => {
    const units = unitChoices(['county:huaxi/dept:gongan', DEFAULT_UNIT]).map((u) => u.path);
    expect(units[0]).toBe('county:huaxi');
    expect(units).toContain('county:huaxi/dept:gongan');
    expect(units.filter((u) => u === DEFAULT_UNIT)).toHaveLength(1);
    expect(units.indexOf('county:huaxi/town:qingshi')).toBeLessThan(units.indexOf(DEFAULT_UNIT));
  });

  it('offers the roles of the process and of its subprocesses, each once', () => {
    const roles = roleChoices([election, vetting]).map((r) => r.role);
    expect(roles).toEqual([...new Set(roles)]);
    expect(roles).toEqual(expect.arrayContaining(['TWP_LEAD', 'VET_DEPT', 'COUNTY_ORG']));
  });

  it('loads the processes a definition\'s subprocess steps start', () => {
    expect(subprocessReferences(election)).toEqual([
      { id: 'candidate-vetting', version: 1 }, { id: 'candidate-vetting', version: 1 }, { id: 'candidate-vetting', version: 1 },
    ]);
    expect(subprocessReferences(emergency)).toEqual([{ id: 'emergency-evacuee', version: 1 }]);
    expect(subprocessReferences(dispute)).toEqual([]);
  });

  it('names a saved scenario after the process, its version and the simulated time reached', () => {
    const sim = createSimulation({ definitions: [dispute], definition: { id: dispute.id, version: 1 }, now: '2027-03-10T09:00:00+08:00', validator: createFormValidator(), calendar: CN_2027 });
    sim.start({ actor: simulatedActor('V_MED', DEFAULT_UNIT) });
    sim.advance('P1D');
    expect(scenarioFileName(sim.scenario())).toBe('dispute-mediation-v1-202703110900.scenario.json');
  });
});
