/**
 * `npm run bench -- <name> [args]`: runs test/bench/<name>.ts. Each benchmark prints a short
 * table and ends with one line `<name>: <figure> (goal <goal>) PASS|FAIL` (QUALITY.md).
 * Benchmarks are not part of `npm test`.
 */
import { readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const kind = here.endsWith('drill') ? 'drill' : 'bench';
const available = readdirSync(here)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts'))
  .map((f) => f.slice(0, -3));
const [name, ...rest] = process.argv.slice(2);
if (!name || !available.includes(name)) {
  console.error(
    `usage: npm run ${kind} -- <name>   (available: ${available.join(', ') || 'none yet'})`,
  );
  process.exit(2);
}
const res = spawnSync(process.execPath, ['--import', 'tsx', join(here, `${name}.ts`), ...rest], {
  stdio: 'inherit',
});
process.exit(res.status ?? 1);
