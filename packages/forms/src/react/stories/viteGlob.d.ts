// Stories only: Vite's `import.meta.glob`, typed here because this package's tsconfig has no
// `vite/client` types. Stories load the example processes through it rather than a JSON import,
// which would pull files from outside `src/` into the build.
interface ImportMeta {
  glob<T = unknown>(pattern: string, options: { eager: true; import: 'default' }): Record<string, T>;
}
