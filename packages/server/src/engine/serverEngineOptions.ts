import { CN_2027 } from '@civicflow/engine';
import type { EngineOptions } from '@civicflow/engine';
import { createFormValidator } from '@civicflow/forms';

/**
 * The validator and calendar every command of this server runs with — requests, timers and
 * subprocess work alike, so a deadline computed when a task opens is the one a timer later
 * checks. CN_2027 is the State Council's 2027 holiday arrangement as transcribed here (unofficial
 * until checked against the notice).
 */
export function serverEngineOptions(): EngineOptions {
  return { validator: createFormValidator(), calendar: CN_2027 };
}
