/**
 * The Electron transport of the renderer's client: when the preload has put `window.kiosk`
 * there, the client uses it (no WebSocket), and still validates what comes back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KioskEvent } from '../../electron/contract';

const calls: [unknown, unknown][] = [];
let answer: () => Promise<unknown> = () => Promise.resolve(null);
let emit: (raw: unknown) => void = () => undefined;

const bridge = {
  invoke(command: unknown, payload: unknown): Promise<unknown> {
    calls.push([command, payload]);
    return answer();
  },
  subscribe(listener: (raw: unknown) => void): () => void {
    emit = listener;
    return () => {
      emit = () => undefined;
    };
  },
};

const g = globalThis as { window?: unknown };
beforeAll(() => {
  g.window = { kiosk: bridge };
});
afterAll(() => {
  delete g.window;
});

describe('kioskApi over the preload bridge', () => {
  it('invokes through window.kiosk and validates the answer against the contract', async () => {
    const { kioskApi } = await import('./api');
    answer = () => Promise.resolve({ ok: true, value: { language: 'en', largeText: true } });
    expect(await kioskApi().invoke('prefs.get', {})).toEqual({
      ok: true,
      value: { language: 'en', largeText: true },
    });
    expect(calls).toEqual([['prefs.get', {}]]);

    answer = () => Promise.resolve({ ok: true, value: { language: 'fr' } });
    const bad = await kioskApi().invoke('prefs.get', {});
    expect(bad.ok || bad.error.code).toBe('internal');

    answer = () => Promise.resolve({ ok: false, error: { code: 'bad_request', message: 'x' } });
    const refused = await kioskApi().invoke('prefs.get', {});
    expect(refused.ok || refused.error.code).toBe('bad_request');

    answer = () => Promise.reject(new Error('main process gone'));
    const gone = await kioskApi().invoke('prefs.get', {});
    expect(gone.ok || gone.error.code).toBe('not_available');
  });

  it('passes on only events that match the contract', async () => {
    const { kioskApi } = await import('./api');
    const seen: KioskEvent[] = [];
    const stop = kioskApi().subscribe((e) => seen.push(e));
    emit({ event: 'card.removed', payload: { reader: 'demo' } });
    emit({ event: 'card.removed', payload: {} });
    emit({ event: 'no.such.event', payload: {} });
    emit('garbage');
    expect(seen).toEqual([{ event: 'card.removed', payload: { reader: 'demo' } }]);
    stop();
    const connected: boolean[] = [];
    kioskApi().onConnectionChange((c) => connected.push(c));
    expect(connected).toEqual([true]);
  });
});
