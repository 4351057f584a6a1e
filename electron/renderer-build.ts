import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

/** Newest modification time under a folder (the renderer sources), 0 when it is empty. */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const t = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    if (t > newest) newest = t;
  }
  return newest;
}

/**
 * Builds the renderer when its output is missing or older than its sources, so that
 * `npm start` on a fresh clone works without a separate build step.
 */
export function ensureRendererBuilt(root: string): { built: boolean; ok: boolean } {
  const index = join(root, 'dist', 'renderer', 'index.html');
  const sources = [join(root, 'renderer'), join(root, 'electron', 'contract.ts')];
  const newestSource = Math.max(
    ...sources.map((s) => (statSync(s).isDirectory() ? newestMtime(s) : statSync(s).mtimeMs)),
  );
  if (existsSync(index) && statSync(index).mtimeMs >= newestSource)
    return { built: false, ok: true };
  const res = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      join(root, 'renderer', 'vite.config.ts'),
      '--logLevel',
      'warn',
    ],
    { cwd: root, stdio: 'inherit' },
  );
  return { built: true, ok: res.status === 0 };
}
