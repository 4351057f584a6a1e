/**
 * `npm run bench -- <name> [args]`: runs test/bench/<name>.ts. Each benchmark prints a short
 * table and ends with one line `<name>: <figure> (goal <goal>) PASS|FAIL` (QUALITY.md).
 * Benchmarks are not part of `npm test`.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScriptFrom } from '../support/run-script';

runScriptFrom(dirname(fileURLToPath(import.meta.url)), 'bench', process.argv.slice(2));
