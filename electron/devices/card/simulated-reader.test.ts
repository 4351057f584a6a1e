import { describe, expect, it } from 'vitest';
import type { ReaderEvent } from './reader-port';
import { MUTE_CARD_ATR, SIMULATED_READER_NAME, SimulatedReader } from './simulated-reader';

describe('SimulatedReader (demo mode)', () => {
  it('inserts and removes persona cards with events only on change', () => {
    const reader = new SimulatedReader();
    const events: ReaderEvent[] = [];
    reader.onEvent((e) => events.push(e));
    expect(reader.insert('active-2')).toEqual({ ok: false, error: 'reader_stopped' });
    reader.start();
    reader.start();
    expect(reader.insert('nobody')).toEqual({ ok: false, error: 'unknown_persona' });
    expect(reader.insert('active-2').ok).toBe(true);
    reader.remove();
    reader.remove();
    expect(events.map((e) => (e.type === 'status_changed' ? e.status.media : e.type))).toEqual([
      'reader_added',
      'absent',
      'card_inserted',
      'present',
      'card_removed',
      'absent',
    ]);
    expect(reader.personas().map((p) => p.id)).toContain('non-ssc');
  });

  it('holds one exclusive connection and ends it when the card leaves', async () => {
    const reader = new SimulatedReader({ pinTryLimit: 6 });
    reader.start();
    expect(await reader.connect(SIMULATED_READER_NAME)).toMatchObject({
      ok: false,
      error: { code: 'no_card' },
    });
    reader.insert('blocked');
    const c = await reader.connect(SIMULATED_READER_NAME);
    expect(await reader.connect(SIMULATED_READER_NAME)).toMatchObject({
      ok: false,
      error: { code: 'card_busy' },
    });
    if (!c.ok) throw new Error('connect failed');
    expect((await c.value.transmit(Buffer.from('00200000', 'hex'))).ok).toBe(true);
    reader.remove();
    expect(await c.value.transmit(Buffer.from('00200000', 'hex'))).toMatchObject({
      ok: false,
      error: { code: 'card_removed' },
    });
    expect(reader.cardOf('blocked')?.pinTryLimit).toBe(6);
  });

  it('a mute card answers reset but no command: unresponsive, not a crash', async () => {
    const reader = new SimulatedReader();
    reader.start();
    expect(reader.insertMute().ok).toBe(true);
    expect(reader.readers()[0]).toMatchObject({ cardPresent: true, atr: MUTE_CARD_ATR });
    const c = await reader.connect(SIMULATED_READER_NAME);
    if (!c.ok) throw new Error('connect failed');
    expect(await c.value.transmit(Buffer.from('00A404000F', 'hex'))).toMatchObject({
      ok: false,
      error: { code: 'card_unresponsive' },
    });
    await reader.stop();
  });
});
