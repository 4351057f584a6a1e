import { describe, expect, it } from 'vitest';
import { FilteredReader } from './reader-filter';
import type { ReaderEvent } from './reader-port';
import { SimulatedReader, SIMULATED_READER_NAME } from './simulated-reader';

describe('reader name filter', () => {
  it('passes a matching reader through, case-insensitively', async () => {
    const reader = new FilteredReader(new SimulatedReader(), 'SIMULATED');
    const seen: ReaderEvent['type'][] = [];
    reader.onEvent((e) => seen.push(e.type));
    reader.start();
    expect(reader.status()).toEqual({ device: 'online', media: 'absent' });
    expect(reader.readers().map((r) => r.name)).toEqual([SIMULATED_READER_NAME]);
    await reader.stop();
    expect(seen).toContain('reader_removed');
  });

  it('hides readers that do not match: no device, no events, no connection', async () => {
    const inner = new SimulatedReader();
    const reader = new FilteredReader(inner, 'Contact slot');
    const seen: ReaderEvent[] = [];
    reader.onEvent((e) => seen.push(e));
    reader.start();
    expect(inner.insert('active-2').ok).toBe(true);
    expect(reader.status()).toEqual({ device: 'no_device', media: 'unknown' });
    expect(reader.readers()).toEqual([]);
    expect(seen.filter((e) => e.type !== 'status_changed')).toEqual([]);
    const c = await reader.connect(SIMULATED_READER_NAME);
    expect(c).toMatchObject({ ok: false, error: { code: 'reader_unavailable' } });
    await reader.stop();
  });
});
