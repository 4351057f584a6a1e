import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { fsyncDirSync } from '../store/durable-file';
import { KioskConfigSchema } from './schemas';

/**
 * What the central service told this kiosk and must survive a restart: the last accepted
 * configuration and whether it was put out of service (with the message for citizens).
 */
const RemoteStateSchema = z.object({
  config: KioskConfigSchema.nullable(),
  outOfService: z.object({ active: z.boolean(), message: z.string().nullable() }),
  lastCommandId: z.number().int(),
});
export type RemoteState = z.infer<typeof RemoteStateSchema>;

const EMPTY: RemoteState = {
  config: null,
  outOfService: { active: false, message: null },
  lastCommandId: 0,
};

export function loadRemoteState(path: string): RemoteState {
  try {
    const parsed = RemoteStateSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : structuredClone(EMPTY);
  } catch {
    // Never persisted yet (or unreadable): start from nothing; the next heartbeat refills it.
    return structuredClone(EMPTY);
  }
}

export function saveRemoteState(path: string, state: RemoteState): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, JSON.stringify(state));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  fsyncDirSync(dirname(path));
}
