import { useCallback, useMemo, useRef, useState } from 'react';
import { CN_2027, isCivicflowError } from '@civicflow/engine';
import type { Actor, Instant } from '@civicflow/engine';
import { createSimulation } from '@civicflow/engine/testing';
import type { Simulation, SimulationEntry, SimulationTask } from '@civicflow/engine/testing';
import { ApiError } from '../../api/ApiError.js';
import type { SimulatedProcess } from './loadSimulatedProcess.js';
import type { SimulationValidator } from './simulationValidator.js';

/** The holiday calendar the server counts deadlines with (serverEngineOptions), so the simulation counts alike. */
export const SIMULATION_CALENDAR = CN_2027;

/** How a simulation starts: when (simulated), who, in which unit, with which data. */
export interface SimulationSetup {
  startAt: Instant;
  starter: Actor;
  caseUnit: string;
  input: Record<string, unknown>;
}

/** What the simulator page works with. `revision` changes after every action, so views re-read the simulation. */
export interface SimulatorControls {
  simulation: Simulation | undefined;
  revision: number;
  /** Everything that happened, oldest first. */
  log: SimulationEntry[];
  start(setup: SimulationSetup): ApiError | undefined;
  /** Completes a task; the engine's refusal comes back as an ApiError (nothing changed then). */
  complete(task: SimulationTask, data: unknown, actor: Actor): { entries: SimulationEntry[] } | { error: ApiError };
  advance(to: string): { entries: SimulationEntry[] } | { error: ApiError };
  reset(): void;
  /** Continues from a simulation made elsewhere (a scenario file replayed): its log becomes the page's. */
  adopt(simulation: Simulation): void;
}

/** The engine's refusal as the studio's error type, so that the task form's error list can show it by field. */
export function engineError(error: unknown): ApiError {
  if (isCivicflowError(error)) return new ApiError(0, { code: error.code, message: error.localized, hint: error.hint, details: error.details });
  return ApiError.from(error);
}

/** Runs one simulated case in the page: the engine's test host on a simulated clock (see createSimulation). */
export function useSimulator(process: SimulatedProcess, validator: SimulationValidator): SimulatorControls {
  const simulation = useRef<Simulation | undefined>(undefined);
  const [revision, setRevision] = useState(0);
  const [log, setLog] = useState<SimulationEntry[]>([]);

  const after = useCallback((entries: SimulationEntry[]) => {
    setLog((before) => [...before, ...entries]);
    setRevision((n) => n + 1);
    return { entries };
  }, []);

  const start = useCallback((setup: SimulationSetup): ApiError | undefined => {
    try {
      const sim = createSimulation({
        definitions: process.definitions, definition: { id: process.definition.id, version: process.definition.version },
        now: setup.startAt, validator, calendar: SIMULATION_CALENDAR,
      });
      const entries = sim.start({ actor: setup.starter, orgUnit: setup.caseUnit, input: setup.input });
      simulation.current = sim;
      setLog([]);
      after(entries);
      return undefined;
    } catch (error) {
      return engineError(error);
    }
  }, [process, validator, after]);

  const complete = useCallback((task: SimulationTask, data: unknown, actor: Actor) => {
    const sim = simulation.current;
    if (!sim) return { error: engineError(new Error('no simulation is running')) };
    try {
      return after(sim.complete(task, data, actor));
    } catch (error) {
      return { error: engineError(error) };
    }
  }, [after]);

  const advance = useCallback((to: string) => {
    const sim = simulation.current;
    if (!sim) return { error: engineError(new Error('no simulation is running')) };
    try {
      return after(sim.advance(to));
    } catch (error) {
      return { error: engineError(error) };
    }
  }, [after]);

  const reset = useCallback(() => {
    simulation.current = undefined;
    setLog([]);
    setRevision((n) => n + 1);
  }, []);

  const adopt = useCallback((sim: Simulation) => {
    simulation.current = sim;
    setLog(sim.log());
    setRevision((n) => n + 1);
  }, []);

  return useMemo(
    () => ({ simulation: simulation.current, revision, log, start, complete, advance, reset, adopt }),
    // `revision` stands for the simulation's mutable state.
    [revision, log, start, complete, advance, reset, adopt],
  );
}
