import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { LocalSettings } from '../../attendant-contract';
import { saveJsonFileSync } from '../../store/durable-file';

/**
 * What attendant mode keeps across restarts: local settings changed on the kiosk, the
 * attendant's out-of-service switch, and the lockout (a restart must not reset the count of
 * wrong passcodes).
 */
const AttendantState = z.object({
  settings: LocalSettings.nullable(),
  /** The attendant changed the idle timeout here: theirs wins over the bureau's (idle-timeout.ts). */
  idleTimeoutSetHere: z.boolean().default(false),
  outOfService: z.object({ active: z.boolean(), message: z.string().max(200).nullable() }),
  lockout: z.object({
    failures: z.number().int().min(0),
    lockedUntil: z.number().int().min(0),
  }),
});
export type AttendantState = z.infer<typeof AttendantState>;

export const EMPTY_STATE: AttendantState = {
  settings: null,
  idleTimeoutSetHere: false,
  outOfService: { active: false, message: null },
  lockout: { failures: 0, lockedUntil: 0 },
};

export function loadAttendantState(path: string): AttendantState {
  try {
    const parsed = AttendantState.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    return parsed.success ? parsed.data : structuredClone(EMPTY_STATE);
  } catch {
    // Never saved yet: the configuration's settings, in service, no failures.
    return structuredClone(EMPTY_STATE);
  }
}

/** Written to a temp file, fsync'd, renamed, directory fsync'd: a power cut keeps one version. */
export function saveAttendantState(path: string, state: AttendantState): void {
  saveJsonFileSync(path, state);
}
