import type { Language } from '../../../electron/contract';

/**
 * Spoken prompts where the platform has speech (PRODUCT.md item 12); silently nothing where it
 * has not. A new prompt interrupts the previous one.
 */
export function speak(text: string, language: Language): void {
  const synth = typeof window !== 'undefined' ? window.speechSynthesis : undefined;
  if (!synth || typeof SpeechSynthesisUtterance === 'undefined') return;
  synth.cancel();
  const u = new SpeechSynthesisUtterance(text);
  u.lang = language;
  u.rate = 0.9;
  synth.speak(u);
}

/**
 * The kiosk's one audio context. Opening it is slow (Chromium sets up the audio output
 * synchronously: about 300 ms the first time on the test machine), so it is opened once while
 * the attract screen idles (`prepareAudio`) and kept, never on a citizen's tap.
 */
let audio: AudioContext | null | undefined;

function audioContext(): AudioContext | null {
  if (audio !== undefined) return audio;
  const Ctx = typeof window !== 'undefined' ? window.AudioContext : undefined;
  try {
    audio = Ctx ? new Ctx() : null;
  } catch {
    audio = null; // no audio device: the screens still say everything
  }
  return audio;
}

export function prepareAudio(): void {
  audioContext();
}

/** After the next frame is painted: sound follows the screen, it never holds it back. */
function afterPaint(fn: () => void): void {
  if (typeof requestAnimationFrame === 'undefined') setTimeout(fn, 0);
  else requestAnimationFrame(() => setTimeout(fn, 0));
}

/** A short two-tone chime (Web Audio), for "please take your card". */
export function chime(): void {
  afterPaint(() => {
    const ctx = audioContext();
    if (!ctx) return;
    try {
      // A context opened before any touch starts suspended (browser autoplay rule); the
      // citizen has touched the screen by now. The Electron shell allows sound without one.
      if (ctx.state === 'suspended') ctx.resume().catch(() => undefined);
      const tone = (freq: number, start: number) => {
        const osc = ctx.createOscillator();
        const gain = ctx.createGain();
        osc.frequency.value = freq;
        gain.gain.setValueAtTime(0.25, ctx.currentTime + start);
        gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + start + 0.35);
        osc.connect(gain).connect(ctx.destination);
        osc.start(ctx.currentTime + start);
        osc.stop(ctx.currentTime + start + 0.4);
      };
      tone(880, 0);
      tone(660, 0.4);
    } catch {
      // The audio output went away: the screen still says it.
    }
  });
}
