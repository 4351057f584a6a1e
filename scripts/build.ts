/**
 * `npm run build`: everything the Electron app runs, into dist/.
 *   dist/renderer/            the renderer (vite)
 *   dist/electron/main.js     the Electron main process, an ES module; npm packages stay
 *                             external (electron-builder ships the production node_modules)
 *   dist/electron/preload.cjs the preload, CommonJS and self-contained: sandboxed preloads
 *                             cannot load ES modules nor anything but electron's own modules
 *   npm run build -- --electron-only   skips the renderer (npm start builds it itself)
 *   npm run build -- --out DIR         builds into DIR/electron and DIR/renderer instead
 */
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { build as esbuild, type BuildOptions } from 'esbuild';
import { build as vite } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    'electron-only': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
  strict: true,
});
const dist = resolve(args.out ?? join(root, 'dist'));
const out = join(dist, 'electron');

const common: BuildOptions = {
  bundle: true,
  platform: 'node',
  sourcemap: false,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
  absWorkingDir: root,
};

async function main(): Promise<void> {
  const started = Date.now();
  if (!args['electron-only']) {
    await vite({
      configFile: join(root, 'renderer', 'vite.config.ts'),
      logLevel: 'warn',
      build: { outDir: join(dist, 'renderer') },
    });
  }
  rmSync(out, { recursive: true, force: true });
  await Promise.all([
    esbuild({
      ...common,
      entryPoints: [join(root, 'electron', 'main.ts')],
      outfile: join(out, 'main.js'),
      format: 'esm',
      target: 'node22', // Electron 45's Node
      packages: 'external',
    }),
    esbuild({
      ...common,
      entryPoints: [join(root, 'electron', 'preload.ts')],
      outfile: join(out, 'preload.cjs'),
      format: 'cjs',
      target: 'chrome140', // Electron 45's Chromium
      external: ['electron'],
    }),
  ]);
  const what = args['electron-only'] ? 'electron' : 'electron and renderer';
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`Built ${what} into ${dist} in ${secs} s.`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
