import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

// `npm start` runs the demo until the server exists: keep the README's run command true.
it('the demo behind npm start validates every example and walks a mediation to its end', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const out = execFileSync(process.execPath, [fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url)), '--conditions=@civicflow/source', 'examples/demo.ts'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  expect(out).not.toContain('✗');
  const ids = [
    'village-election', 'candidate-vetting', 'dispute-mediation', 'emergency-mobilisation', 'emergency-evacuee', 'grid-event', 'service-order',
    'community-affairs-access', 'community-task-type-gate', 'community-task-refusal', 'community-emergency-exemption', 'community-certificate-check',
  ];
  for (const id of ids) expect(out).toContain(`${id} v1] ✓ valid`);
  expect(out).toContain('结案：RESOLVED');
  expect(out).toContain('resolved at: town');
}, 60_000); // a child process that starts tsx and compiles every example: seconds on a quiet machine, more when CI runs files in parallel
