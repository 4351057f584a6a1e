import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleCountdownConfig, idlePhase, startIdleTimer, type IdlePhase } from './idle-countdown';

const config = { idleSeconds: 60, warningSeconds: 10 };

describe('idle phase', () => {
  it('is active until the idle time, then counts whole seconds down, then expires', () => {
    expect(idlePhase(config, 0)).toEqual({ phase: 'active' });
    expect(idlePhase(config, 59_999)).toEqual({ phase: 'active' });
    expect(idlePhase(config, 60_000)).toEqual({ phase: 'warning', secondsLeft: 10 });
    expect(idlePhase(config, 60_001)).toEqual({ phase: 'warning', secondsLeft: 10 });
    expect(idlePhase(config, 69_000)).toEqual({ phase: 'warning', secondsLeft: 1 });
    expect(idlePhase(config, 69_999)).toEqual({ phase: 'warning', secondsLeft: 1 });
    expect(idlePhase(config, 70_000)).toEqual({ phase: 'expired' });
  });

  it('configuration is validated', () => {
    expect(IdleCountdownConfig.safeParse(config).success).toBe(true);
    expect(IdleCountdownConfig.safeParse({ idleSeconds: 0, warningSeconds: 10 }).success).toBe(
      false,
    );
    expect(IdleCountdownConfig.safeParse({ idleSeconds: 60 }).success).toBe(false);
  });
});

describe('idle timer (fake timers)', () => {
  let phases: IdlePhase[];
  let timeouts: number;
  const listener = {
    onPhase: (p: IdlePhase) => phases.push(p),
    onTimeout: () => {
      timeouts++;
    },
  };

  beforeEach(() => {
    vi.useFakeTimers();
    phases = [];
    timeouts = 0;
  });
  afterEach(() => vi.useRealTimers());

  const secondsShown = () => phases.flatMap((p) => (p.phase === 'warning' ? [p.secondsLeft] : []));

  it('warns after the idle time, counts every second down, and times out once at zero', () => {
    startIdleTimer(config, listener);
    vi.advanceTimersByTime(59_999);
    expect(phases).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(phases).toEqual([{ phase: 'warning', secondsLeft: 10 }]);
    vi.advanceTimersByTime(9_999);
    expect(secondsShown()).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(timeouts).toBe(0);
    vi.advanceTimersByTime(1);
    expect(phases.at(-1)).toEqual({ phase: 'expired' });
    expect(timeouts).toBe(1);
    vi.advanceTimersByTime(600_000);
    expect(timeouts).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a touch before the warning starts the idle period again', () => {
    const timer = startIdleTimer(config, listener);
    vi.advanceTimersByTime(50_000);
    timer.activity();
    vi.advanceTimersByTime(50_000);
    expect(phases).toEqual([]);
    vi.advanceTimersByTime(10_000);
    expect(phases).toEqual([{ phase: 'warning', secondsLeft: 10 }]);
  });

  it('a stray touch during the warning does not dismiss it; "I need more time" does', () => {
    const timer = startIdleTimer(config, listener);
    vi.advanceTimersByTime(63_000);
    expect(phases.at(-1)).toEqual({ phase: 'warning', secondsLeft: 7 });
    timer.activity();
    vi.advanceTimersByTime(1_000);
    expect(phases.at(-1)).toEqual({ phase: 'warning', secondsLeft: 6 });
    timer.moreTime();
    expect(phases.at(-1)).toEqual({ phase: 'active' });
    vi.advanceTimersByTime(59_999);
    expect(phases.at(-1)).toEqual({ phase: 'active' });
    vi.advanceTimersByTime(1);
    expect(phases.at(-1)).toEqual({ phase: 'warning', secondsLeft: 10 });
    expect(timeouts).toBe(0);
  });

  it('stopped, it never times out and leaves no timer behind', () => {
    const timer = startIdleTimer(config, listener);
    vi.advanceTimersByTime(65_000);
    timer.stop();
    vi.advanceTimersByTime(600_000);
    expect(timeouts).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
    timer.moreTime();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a late timer (a busy or throttled page) does not stretch the countdown', () => {
    let starved = 0;
    startIdleTimer(config, listener, () => Date.now() + starved);
    vi.advanceTimersByTime(60_000);
    expect(phases.at(-1)).toEqual({ phase: 'warning', secondsLeft: 10 });
    // 7.5 s pass on the clock while no timer gets to run.
    starved = 7_500;
    vi.advanceTimersByTime(1_000);
    expect(phases.at(-1)).toEqual({ phase: 'warning', secondsLeft: 2 });
    vi.advanceTimersByTime(1_499);
    expect(timeouts).toBe(0);
    vi.advanceTimersByTime(1);
    expect(timeouts).toBe(1);
  });
});
