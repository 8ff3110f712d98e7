import { readFileSync } from 'node:fs';

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** One frame's share of a CPU profile. */
export interface ProfileFrame {
  frame: string;
  selfPercent: number;
  totalPercent: number;
}

function frameName(n: ProfileNode): string {
  const { functionName, url, lineNumber } = n.callFrame;
  const file = url ? url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\/\.pnpm\/[^/]+\/node_modules\//, '').replace(/^.*\/(packages|bench)\//, '$1/') : '';
  return `${functionName || '(anonymous)'}${file ? ` ${file}:${lineNumber + 1}` : ''}`;
}

/**
 * The top frames of a `node --cpu-prof` profile, by self time and by total (inclusive) time, each
 * as a share of all samples (idle excluded).
 */
export function topFrames(profile: string | object, count = 15): { self: ProfileFrame[]; total: ProfileFrame[]; samples: number } {
  const p = (typeof profile === 'string' ? JSON.parse(readFileSync(profile, 'utf8')) : profile) as CpuProfile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const hits = new Map<number, number>();
  for (const s of p.samples) hits.set(s, (hits.get(s) ?? 0) + 1);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  let samples = 0;
  for (const [id, n] of hits) {
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') continue;
    samples += n;
    const name = frameName(node);
    self.set(name, (self.get(name) ?? 0) + n);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = frameName(byId.get(cur)!);
      if (seen.has(f)) continue;
      seen.add(f);
      total.set(f, (total.get(f) ?? 0) + n);
    }
  }
  const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, count);
  return {
    samples,
    self: top(self).map(([frame, n]) => ({ frame, selfPercent: (100 * n) / samples, totalPercent: (100 * (total.get(frame) ?? 0)) / samples })),
    total: top(total).filter(([f]) => f !== '(root)').map(([frame, n]) => ({ frame, selfPercent: (100 * (self.get(frame) ?? 0)) / samples, totalPercent: (100 * n) / samples })),
  };
}

/** Top frames as one line of text (`frame self%/total%; …`), for the report's notes. */
export function describeTop(frames: ProfileFrame[], count = 8): string {
  return frames.slice(0, count).map((f) => `${f.frame} ${f.selfPercent.toFixed(1)}% self / ${f.totalPercent.toFixed(1)}% total`).join('; ');
}
