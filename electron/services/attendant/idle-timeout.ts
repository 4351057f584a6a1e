/**
 * Which idle timeout a citizen's session runs with. Three places can say it:
 *  1. the attendant, on this kiosk (attendant mode → settings), once they have *changed* it —
 *     they know the hall (a bank lobby with a queue behind the kiosk, a quiet bureau corner);
 *  2. the bureau, in the central configuration's `idleTimeoutSeconds`, once known;
 *  3. the kiosk's configuration file (`ui.idleTimeoutSeconds`), until then.
 * Whatever the source, the value is kept within what the attendant screen allows
 * (15–600 s): the central contract allows 10 s, too short for an elderly citizen to read a
 * screen, and up to an hour, too long to leave a card session open in a public hall.
 */
export const IDLE_TIMEOUT_MIN_SECONDS = 15;
export const IDLE_TIMEOUT_MAX_SECONDS = 600;

export type IdleTimeoutSource = 'attendant' | 'central' | 'config';

export function effectiveIdleTimeout(sources: {
  /** The attendant's value, when they changed it on this kiosk; otherwise null. */
  readonly attendant: number | null;
  /** The central configuration's value, when it is known; otherwise null. */
  readonly central: number | null;
  readonly config: number;
}): { readonly seconds: number; readonly source: IdleTimeoutSource } {
  const clamp = (s: number) =>
    Math.min(IDLE_TIMEOUT_MAX_SECONDS, Math.max(IDLE_TIMEOUT_MIN_SECONDS, Math.round(s)));
  if (sources.attendant !== null) return { seconds: clamp(sources.attendant), source: 'attendant' };
  if (sources.central !== null) return { seconds: clamp(sources.central), source: 'central' };
  return { seconds: clamp(sources.config), source: 'config' };
}
