/**
 * Shared dispatcher of `npm run bench -- <name>` and `npm run drill -- <name>`: runs
 * `<dir>/<name>.ts` with the remaining arguments and exits with its status. Every file of the
 * folder except `run.ts` and tests is a runnable script, so adding one needs no registration.
 */
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export function runScriptFrom(dir: string, kind: 'bench' | 'drill', argv: string[]): never {
  const available = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts'))
    .map((f) => f.slice(0, -3));
  const [name, ...rest] = argv;
  if (!name || !available.includes(name)) {
    console.error(
      `usage: npm run ${kind} -- <name>   (available: ${available.join(', ') || 'none yet'})`,
    );
    process.exit(2);
  }
  const res = spawnSync(process.execPath, ['--import', 'tsx', join(dir, `${name}.ts`), ...rest], {
    stdio: 'inherit',
  });
  process.exit(res.status ?? 1);
}
