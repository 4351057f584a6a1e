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

/** A short two-tone chime (Web Audio), for "please take your card". */
export function chime(): void {
  const Ctx = typeof window !== 'undefined' ? window.AudioContext : undefined;
  if (!Ctx) return;
  try {
    const ctx = new Ctx();
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
    setTimeout(() => void ctx.close(), 1500);
  } catch {
    // No audio device: the screen still says it.
  }
}
