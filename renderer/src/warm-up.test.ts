import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A stand-in for the browser's audio context: counts how many were opened and tones played. */
class FakeAudioContext {
  static opened = 0;
  static last: FakeAudioContext | null = null;
  state = 'suspended';
  currentTime = 0;
  destination = {};
  tones: number[] = [];
  resumed = 0;
  constructor() {
    FakeAudioContext.opened++;
    FakeAudioContext.last = this;
  }
  resume() {
    this.resumed++;
    this.state = 'running';
    return Promise.resolve();
  }
  createGain() {
    return {
      gain: { setValueAtTime: () => undefined, exponentialRampToValueAtTime: () => undefined },
      connect: (x: unknown) => x,
    };
  }
  createOscillator() {
    const osc = {
      frequency: { value: 0 },
      connect: (x: unknown) => x,
      start: () => this.tones.push(osc.frequency.value),
      stop: () => undefined,
    };
    return osc;
  }
}

describe('sound never holds back a screen', () => {
  let frames: (() => void)[];
  beforeEach(() => {
    vi.resetModules();
    vi.useFakeTimers();
    FakeAudioContext.opened = 0;
    frames = [];
    vi.stubGlobal('window', { AudioContext: FakeAudioContext });
    vi.stubGlobal('requestAnimationFrame', (f: () => void) => frames.push(f));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('the chime sounds after the next painted frame, on one audio context kept for all', async () => {
    const { chime } = await import('./ui/speech');
    chime();
    expect(FakeAudioContext.opened).toBe(0); // nothing on the tap itself
    frames.shift()?.();
    expect(FakeAudioContext.opened).toBe(0); // the frame is painted first
    vi.runAllTimers();
    expect(FakeAudioContext.opened).toBe(1);
    chime();
    frames.shift()?.();
    vi.runAllTimers();
    expect(FakeAudioContext.opened).toBe(1);
  });

  it('a context opened ahead (suspended, before any touch) is resumed and plays both tones', async () => {
    const { chime, prepareAudio } = await import('./ui/speech');
    prepareAudio();
    expect(FakeAudioContext.opened).toBe(1);
    chime();
    frames.shift()?.();
    vi.runAllTimers();
    expect(FakeAudioContext.opened).toBe(1);
    expect(FakeAudioContext.last?.resumed).toBe(1);
    expect(FakeAudioContext.last?.tones).toEqual([880, 660]);
  });

  it('without audio at all the chime is silently nothing', async () => {
    vi.stubGlobal('window', {});
    const { chime, prepareAudio } = await import('./ui/speech');
    prepareAudio();
    chime();
    frames.shift()?.();
    expect(() => vi.runAllTimers()).not.toThrow();
  });
});

describe('warm-up while the attract screen idles', () => {
  it('runs each task in its own idle period, in order, and goes on past a failing one', async () => {
    const { warmUpWhenIdle } = await import('./warm-up');
    const idle: (() => void)[] = [];
    const ran: string[] = [];
    warmUpWhenIdle(
      [
        () => ran.push('a'),
        () => {
          throw new Error('no locale data');
        },
        () => ran.push('c'),
      ],
      (run) => idle.push(run),
    );
    expect(ran).toEqual([]); // nothing before the first idle period
    expect(idle).toHaveLength(1);
    idle.shift()?.();
    expect(ran).toEqual(['a']);
    idle.shift()?.();
    idle.shift()?.();
    expect(ran).toEqual(['a', 'c']);
    expect(idle).toHaveLength(0);
  });

  it('after the default tasks, the first amounts and times shown make no new Intl formatter', async () => {
    vi.resetModules();
    const { WARM_UP_TASKS } = await import('./warm-up');
    const { formatYuan } = await import('./screens/inquiry/inquiry-model');
    const { formatInstant } = await import('./screens/loss/time');
    vi.stubGlobal('window', {});
    for (const task of WARM_UP_TASKS) task();
    vi.unstubAllGlobals();
    const numberFormats = vi.spyOn(Intl, 'NumberFormat');
    const dateFormats = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      expect(formatYuan(123456, 'zh-CN')).toBe('¥1,234.56');
      expect(formatYuan(-1200, 'en')).toContain('12.00');
      expect(formatInstant('2026-11-30T04:05:00Z', 'zh-CN')).toBe('2026年11月30日 12:05');
      expect(numberFormats).not.toHaveBeenCalled();
      expect(dateFormats).not.toHaveBeenCalled();
    } finally {
      numberFormats.mockRestore();
      dateFormats.mockRestore();
    }
  });
});
