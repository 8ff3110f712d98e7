import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../src/index.js';

describe('the Node.js flags the server runs with', () => {
  it('`npm start` (the server package\'s start script) passes every one of SERVER_NODE_FLAGS to node', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
    const words = pkg.scripts.start.split(/\s+/);
    expect(words[0]).toBe('node');
    for (const flag of SERVER_NODE_FLAGS) expect(words.slice(0, words.indexOf('src/server.ts')), flag).toContain(flag);
    expect(SERVER_NODE_FLAGS.length).toBeGreaterThan(0);
  });
});
