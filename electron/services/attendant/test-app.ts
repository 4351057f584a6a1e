import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createKioskApp, type KioskApp } from '../../app';
import { ConfigSchema } from '../../config';
import { silentLogger } from '../../log';

/**
 * For the attendant unit tests: the whole kiosk app on a data directory (a new temporary one
 * unless given), driven through its contract as a renderer would. The app is added to `opened`
 * for the test file to close.
 */
export function contractApp(
  config: Record<string, unknown>,
  opened: KioskApp[],
  dataDir: string = mkdtempSync(join(tmpdir(), 'attendant-app-')),
) {
  const a = createKioskApp(ConfigSchema.parse({ dataDir, ...config }), {
    host: 'web',
    log: silentLogger(),
  });
  opened.push(a);
  let id = 0;
  const call = async (command: string, payload: unknown = {}) =>
    (await a.dispatch({ id: ++id, command, payload })).result;
  return { a, call, dataDir };
}
