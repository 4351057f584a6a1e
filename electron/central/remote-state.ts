import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { saveJsonFileSync } from '../store/durable-file';
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
  saveJsonFileSync(path, state);
}
