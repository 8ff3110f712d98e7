import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { build } from 'vite';
import { REPO_ROOT } from '../support/referenceFiles.js';

/** The studio's package folder. */
export const STUDIO_DIR = join(REPO_ROOT, 'packages', 'studio');

interface ManifestChunk { file: string; isEntry?: boolean; imports?: string[]; css?: string[] }

/**
 * Builds the studio with its own Vite config into `outDir`, with a manifest
 * (`.vite/manifest.json`) so the first route's chunks can be read from it.
 */
export async function buildStudio(outDir: string): Promise<void> {
  await build({ root: STUDIO_DIR, configFile: join(STUDIO_DIR, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true, manifest: true } });
}

/**
 * The JavaScript a browser loads for the first route: the entry chunk of index.html and, followed
 * through the manifest, every chunk it imports statically (lazily loaded routes are not counted),
 * each gzipped at level 9 as a server would send it precompressed. CSS is counted apart.
 */
export function firstRouteSize(outDir: string): { files: string[]; rawBytes: number; gzipBytes: number; cssGzipBytes: number } {
  const manifestFile = join(outDir, '.vite', 'manifest.json');
  if (!existsSync(manifestFile)) throw new Error(`no Vite manifest at ${manifestFile}: build the studio with build.manifest`);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Record<string, ManifestChunk>;
  const entryKey = Object.keys(manifest).find((k) => manifest[k]!.isEntry && k.endsWith('index.html'));
  if (!entryKey) throw new Error('the studio manifest names no index.html entry');
  const seen = new Set<string>();
  const css = new Set<string>();
  const visit = (key: string): void => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key]!;
    for (const c of chunk.css ?? []) css.add(c);
    for (const i of chunk.imports ?? []) visit(i);
  };
  visit(entryKey);
  const files = [...seen].map((k) => manifest[k]!.file);
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const f of files) {
    const bytes = readFileSync(join(outDir, f));
    rawBytes += bytes.length;
    gzipBytes += gzipSync(bytes, { level: 9 }).length;
  }
  let cssGzipBytes = 0;
  for (const f of css) cssGzipBytes += gzipSync(readFileSync(join(outDir, f)), { level: 9 }).length;
  return { files, rawBytes, gzipBytes, cssGzipBytes };
}
