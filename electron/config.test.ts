import { describe, expect, it } from 'vitest';
import { cardReaderKind, loadConfig } from './config';

describe('configuration: the card section', () => {
  it('defaults to the simulated reader in demo mode and to pcsc in production', () => {
    const demo = loadConfig({ env: {} });
    const prod = loadConfig({ env: { SSC_KIOSK_MODE: 'production' } });
    expect(demo.ok && cardReaderKind(demo.value)).toBe('simulated');
    expect(prod.ok && cardReaderKind(prod.value)).toBe('pcsc');
  });

  it('takes the reader from the environment, and refuses an unknown one by field', () => {
    const pcsc = loadConfig({ env: { SSC_KIOSK_CARD_READER: 'pcsc' } });
    expect(pcsc.ok && cardReaderKind(pcsc.value)).toBe('pcsc');
    const bad = loadConfig({ env: { SSC_KIOSK_CARD_READER: 'usb' } });
    expect(bad).toMatchObject({
      ok: false,
      error: { code: 'config_invalid', field: 'card.reader' },
    });
  });
});
