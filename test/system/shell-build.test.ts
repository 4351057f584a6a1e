/**
 * `npm run build` for real (vite + esbuild into a scratch folder) and what it must produce for
 * Electron: an ES-module main process that imports nothing but electron, Node's built-ins and
 * the declared dependencies (which electron-builder ships), and a CommonJS preload that needs
 * nothing but electron's contextBridge and ipcRenderer (all a sandboxed preload can have).
 * The Electron binary cannot be installed here, so nothing below starts Electron.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IPC_EVENT, IPC_INVOKE } from '../../electron/ipc-channels';

const root = process.cwd();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  main: string;
  dependencies: Record<string, string>;
};
// Inside node_modules, so the bundle resolves packages exactly as it would from dist/.
const cacheDir = join(root, 'node_modules', '.cache');
let out = '';
let main = '';
let preload = '';

beforeAll(() => {
  mkdirSync(cacheDir, { recursive: true });
  out = mkdtempSync(join(cacheDir, 'shell-build-'));
  const res = spawnSync(
    process.execPath,
    [join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'scripts/build.ts', '--out', out],
    { cwd: root, encoding: 'utf8' },
  );
  expect(res.status, `${res.stdout}\n${res.stderr}`).toBe(0);
  main = readFileSync(join(out, 'electron', 'main.js'), 'utf8');
  preload = readFileSync(join(out, 'electron', 'preload.cjs'), 'utf8');
});

afterAll(() => {
  if (out) rmSync(out, { recursive: true, force: true });
});

const packageName = (spec: string) =>
  spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec);

function specifiers(code: string): string[] {
  const found = new Set<string>();
  for (const re of [
    /^import\s+(?:[\s\S]*?\s+from\s+)?"([^"]+)";$/gm,
    /\bimport\(\s*"([^"]+)"\s*\)/g,
    /\brequire\w*\(\s*"([^"]+)"\s*\)/g,
  ]) {
    for (const m of code.matchAll(re)) if (m[1]) found.add(m[1]);
  }
  return [...found];
}

describe('npm run build', () => {
  it('produces the renderer and both Electron bundles where package.json points', () => {
    expect(existsSync(join(out, 'renderer', 'index.html'))).toBe(true);
    expect(existsSync(join(out, 'electron', 'main.js'))).toBe(true);
    expect(existsSync(join(out, 'electron', 'preload.cjs'))).toBe(true);
    expect(pkg.main).toBe('dist/electron/main.js');
  });

  it('main bundle is an ES module importing only electron, Node built-ins and declared dependencies', () => {
    expect(main).toMatch(/^import\s/m);
    expect(main).not.toMatch(/\bmodule\.exports\b/);
    const specs = specifiers(main);
    expect(specs).toContain('electron');
    const builtins = new Set(builtinModules);
    const stray = specs.filter(
      (s) =>
        s !== 'electron' &&
        !s.startsWith('node:') &&
        !builtins.has(s) &&
        !Object.hasOwn(pkg.dependencies, packageName(s)),
    );
    expect(stray).toEqual([]);
    // No source file or relative path survived bundling.
    expect(specs.filter((s) => s.startsWith('.') || s.startsWith('/'))).toEqual([]);
  });

  it("main bundle's imports of dependencies link under plain Node (named exports exist)", () => {
    const statements = [...main.matchAll(/^import\s+(?:[\s\S]*?\s+from\s+)?"([^"]+)";$/gm)]
      .filter((m) => m[1] !== 'electron')
      .map((m) => m[0]);
    expect(statements.length).toBeGreaterThan(0);
    const probe = join(out, 'electron', 'link-probe.mjs');
    writeFileSync(probe, statements.join('\n') + '\n');
    const res = spawnSync(process.execPath, [probe], { cwd: root, encoding: 'utf8' });
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
  });

  it('preload is CommonJS and references only electron’s contextBridge and ipcRenderer', () => {
    expect(preload).not.toMatch(/^\s*(import|export)\s/m);
    expect(specifiers(preload)).toEqual(['electron']);
    const members = new Set([...preload.matchAll(/\bimport_electron\.(\w+)/g)].map((m) => m[1]));
    expect([...members].sort()).toEqual(['contextBridge', 'ipcRenderer']);
    expect(preload.length).toBeLessThan(4_000);
  });

  it('preload exposes exactly window.kiosk = { invoke, subscribe } wired to the IPC channels', async () => {
    // The bundle's own code, run in a VM with a recording stand-in for the `electron` module
    // (what a sandboxed preload's require gives). It checks our wiring, not Electron.
    const exposed: [string, unknown][] = [];
    const calls: unknown[][] = [];
    const listeners = new Map<string, Set<(...a: unknown[]) => void>>();
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.push([key, api]) },
      ipcRenderer: {
        invoke: (...a: unknown[]) => {
          calls.push(a);
          return Promise.resolve({ ok: true, value: {} });
        },
        on: (channel: string, fn: (...a: unknown[]) => void) => {
          const set = listeners.get(channel) ?? new Set();
          set.add(fn);
          listeners.set(channel, set);
        },
        removeListener: (channel: string, fn: (...a: unknown[]) => void) =>
          listeners.get(channel)?.delete(fn),
      },
    };
    const required: string[] = [];
    const module = { exports: {} };
    runInNewContext(preload, {
      require: (name: string) => {
        required.push(name);
        if (name !== 'electron') throw new Error(`preload required ${name}`);
        return electron;
      },
      module,
      exports: module.exports,
    });
    expect(required).toEqual(['electron']);
    expect(exposed.map(([k]) => k)).toEqual(['kiosk']);
    const api = exposed[0]?.[1] as {
      invoke(c: unknown, p: unknown): Promise<unknown>;
      subscribe(l: unknown): () => void;
    };
    expect(Object.keys(api).sort()).toEqual(['invoke', 'subscribe']);
    expect(await api.invoke('app.info', {})).toEqual({ ok: true, value: {} });
    expect(calls).toEqual([[IPC_INVOKE, 'app.info', {}]]);
    const seen: unknown[] = [];
    const unsubscribe = api.subscribe((e: unknown) => seen.push(e));
    for (const fn of listeners.get(IPC_EVENT) ?? []) fn({}, { event: 'card.removed' });
    expect(seen).toEqual([{ event: 'card.removed' }]);
    unsubscribe();
    expect(listeners.get(IPC_EVENT)?.size).toBe(0);
    // A non-function listener is ignored rather than registered.
    api.subscribe('not a function')();
    expect(listeners.get(IPC_EVENT)?.size).toBe(0);
  });
});

describe('build/electron-builder.yml', () => {
  it('passes electron-builder’s own validation, targets AppImage/deb/NSIS and leaves tests out', async () => {
    const { getConfig, validateConfiguration } =
      await import('app-builder-lib/out/util/config/config.js');
    const { DebugLogger } = await import('builder-util');
    const config = await getConfig(root, join(root, 'build', 'electron-builder.yml'), null);
    await validateConfiguration(config, new DebugLogger(false));
    const targets = (t: unknown) =>
      (Array.isArray(t) ? t : [t]).map((x: unknown) =>
        typeof x === 'string' ? x : (x as { target: string }).target,
      );
    expect(targets(config.linux?.target).sort()).toEqual(['AppImage', 'deb']);
    expect(targets(config.win?.target)).toEqual(['nsis']);
    // getConfig normalises the list into [{ filter: [...] }].
    const files = ((config.files ?? []) as (string | { filter?: string[] })[]).flatMap((f) =>
      typeof f === 'string' ? [f] : (f.filter ?? []),
    );
    expect(files).toContain('dist/electron/**');
    expect(files).toContain('dist/renderer/**');
    expect(files).toContain('!**/*.test.*');
    expect(files.some((f) => f.startsWith('test') || f.startsWith('electron/'))).toBe(false);
  });
});
