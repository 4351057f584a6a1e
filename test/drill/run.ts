/**
 * `npm run drill -- <name> [args]`: runs test/drill/<name>.ts — long reliability runs (crash,
 * fuzz, faults) whose bounded versions are part of `npm test`. Each ends with one line
 * `<name>: ... PASS|FAIL`.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runScriptFrom } from '../support/run-script';

runScriptFrom(dirname(fileURLToPath(import.meta.url)), 'drill', process.argv.slice(2));
