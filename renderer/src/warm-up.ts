/**
 * Work the first citizen after a start would otherwise wait for on a tap (QUALITY.md P8), done
 * once while the attract screen idles: opening the audio output for the "take your card" chime
 * and making the Intl formatters the inquiry and loss screens use (ICU loads its locale data
 * the first time). Each task runs in its own idle period, so none delays the first screen or a
 * touch already under way.
 */
import { formatYuan } from './screens/inquiry/inquiry-model';
import { instantFormat } from './screens/loss/time';
import { prepareAudio } from './ui/speech';
import { Language } from '../../electron/contract';

export const WARM_UP_TASKS: readonly (() => void)[] = [
  ...Language.options.map((language) => () => void formatYuan(0, language)),
  () => void instantFormat(),
  prepareAudio,
];

type Idle = (run: () => void) => void;

const whenIdle: Idle = (run) => {
  if (typeof window.requestIdleCallback === 'function')
    window.requestIdleCallback(run, { timeout: 5000 });
  else setTimeout(run, 200);
};

export function warmUpWhenIdle(tasks = WARM_UP_TASKS, idle: Idle = whenIdle): void {
  const next = (i: number) => {
    const task = tasks[i];
    if (!task) return;
    idle(() => {
      try {
        task();
      } catch {
        // Only a head start: the same work runs again when a screen needs it, and fails there.
      }
      next(i + 1);
    });
  };
  next(0);
}
