import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

// `npm start` runs the demo until the server exists: keep the README's run command true.
it('the demo behind npm start validates every example and walks a mediation to its end', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const out = execFileSync(process.execPath, [fileURLToPath(new URL('../../node_modules/tsx/dist/cli.mjs', import.meta.url)), '--conditions=@civicflow/source', 'examples/demo.ts'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  expect(out).not.toContain('✗');
  for (const id of ['village-election', 'candidate-vetting', 'dispute-mediation', 'emergency-mobilisation', 'emergency-evacuee']) expect(out).toContain(`${id} v1] ✓ valid`);
  expect(out).toContain('结案：RESOLVED');
  expect(out).toContain('resolved at: town');
});
