import { expect, it } from 'vitest';
import { validateDefinition } from '@civicflow/engine';
import type { ProcessDefinition } from '@civicflow/engine';
import eventJson from './grid-event.json';
import orderJson from './service-order.json';

it.each([['grid-event', eventJson], ['service-order', orderJson]])('%s passes validateDefinition', (_n, d) => {
  expect(validateDefinition(d as unknown as ProcessDefinition).map((p) => `${p.pointer} ${p.code} ${JSON.stringify(p.message)}`)).toEqual([]);
});
