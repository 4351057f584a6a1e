import { describe, expect, it } from 'vitest';
import { ALL_FUNCTIONS } from '../../attendant-contract';
import { enabledFunctionsHere, functionOfRequest } from './functions';

describe('which functions run here', () => {
  it('the attendant setting alone while no central configuration is known', () => {
    expect(enabledFunctionsHere(['inquiry', 'guide'], null)).toEqual(['inquiry', 'guide']);
  });

  it('the central list narrows the local one; it cannot switch on what the attendant switched off', () => {
    expect(enabledFunctionsHere(ALL_FUNCTIONS, ['inquiry', 'guide', 'print'])).toEqual([
      'inquiry',
      'print',
      'guide',
    ]);
    expect(enabledFunctionsHere(['inquiry'], ALL_FUNCTIONS)).toEqual(['inquiry']);
    expect(enabledFunctionsHere(ALL_FUNCTIONS, [])).toEqual([]);
  });

  it('maps each gated command to its function', () => {
    expect(functionOfRequest('pin.change', { purpose: 'activation' })).toBe('activation');
    expect(functionOfRequest('pin.verifyCurrent', { purpose: 'change' })).toBe('change_pin');
    expect(functionOfRequest('loss.start', {})).toBe('loss_report');
    expect(functionOfRequest('cancelLoss.submit', {})).toBe('cancel_loss_report');
    expect(functionOfRequest('print.page', {})).toBe('print');
    expect(functionOfRequest('session.state', {})).toBeNull();
  });
});
