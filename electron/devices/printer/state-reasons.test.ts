import { describe, expect, it } from 'vitest';
import { normaliseState, parseReason, type PrinterAttributes } from './state-reasons';

const attrs = (p: Partial<PrinterAttributes>): PrinterAttributes => ({
  state: 'idle',
  reasons: [],
  acceptingJobs: true,
  message: '',
  ...p,
});

describe('printer-state-reasons normalisation', () => {
  it('splits the severity suffix; no suffix is an error', () => {
    expect(parseReason('media-empty-report')).toEqual({
      keyword: 'media-empty',
      severity: 'report',
    });
    expect(parseReason('media-low-warning')).toEqual({ keyword: 'media-low', severity: 'warning' });
    expect(parseReason('media-jam-error')).toEqual({ keyword: 'media-jam', severity: 'error' });
    expect(parseReason('paused')).toEqual({ keyword: 'paused', severity: 'error' });
  });

  it('a printer that reports nothing has paper unknown, not full', () => {
    expect(normaliseState(attrs({ reasons: ['none'] }), false)).toEqual({
      device: 'online',
      paper: 'unknown',
      reasons: [],
    });
  });

  it('silence means full only for a printer configured as having a paper sensor', () => {
    expect(normaliseState(attrs({}), true).paper).toBe('full');
    expect(normaliseState(attrs({ reasons: ['offline-report'] }), true).paper).toBe('full');
    expect(normaliseState(attrs({ reasons: ['offline-error'] }), true).paper).toBe('unknown');
  });

  it('maps media reasons to the paper state', () => {
    expect(normaliseState(attrs({ reasons: ['media-empty-error'] }), false).paper).toBe('out');
    expect(normaliseState(attrs({ reasons: ['media-needed'] }), false).paper).toBe('out');
    expect(normaliseState(attrs({ reasons: ['media-low-warning'] }), false).paper).toBe('low');
    const jam = normaliseState(attrs({ reasons: ['media-jam-error'] }), false);
    expect(jam).toMatchObject({ paper: 'jammed', device: 'hardware_error' });
  });

  it('a -report reason is information only', () => {
    const s = normaliseState(attrs({ reasons: ['media-empty-report', 'media-low-report'] }), false);
    expect(s).toEqual({ device: 'online', paper: 'unknown', reasons: [] });
  });

  it('a stopped queue: paused (cupsdisable) is offline, otherwise a hardware error', () => {
    expect(normaliseState(attrs({ state: 'stopped', reasons: ['paused'] }), false)).toEqual({
      device: 'offline',
      paper: 'unknown',
      reasons: ['paused', 'queue-stopped'],
    });
    expect(normaliseState(attrs({ state: 'stopped' }), false)).toMatchObject({
      device: 'hardware_error',
      reasons: ['queue-stopped'],
    });
  });

  it('offline, busy, rejecting jobs and no printer state', () => {
    expect(normaliseState(attrs({ reasons: ['offline-error'] }), false).device).toBe('offline');
    expect(normaliseState(attrs({ state: 'processing' }), false).device).toBe('busy');
    expect(normaliseState(attrs({ acceptingJobs: false }), false)).toMatchObject({
      device: 'offline',
      reasons: ['not-accepting-jobs'],
    });
    expect(normaliseState(attrs({ state: null }), false).device).toBe('no_device');
    expect(normaliseState(attrs({ reasons: ['cover-open-error'] }), false).device).toBe(
      'hardware_error',
    );
  });
});
