import { describe, expect, it } from 'vitest';
import { effectiveIdleTimeout } from './idle-timeout';

describe('the idle timeout a session runs with', () => {
  it('the attendant’s change wins, then the bureau’s value, then the configuration file', () => {
    expect(effectiveIdleTimeout({ attendant: 90, central: 45, config: 60 })).toEqual({
      seconds: 90,
      source: 'attendant',
    });
    expect(effectiveIdleTimeout({ attendant: null, central: 45, config: 60 })).toEqual({
      seconds: 45,
      source: 'central',
    });
    expect(effectiveIdleTimeout({ attendant: null, central: null, config: 60 })).toEqual({
      seconds: 60,
      source: 'config',
    });
  });

  it('a bureau value outside 15–600 s is held to those bounds, not taken as it is', () => {
    expect(effectiveIdleTimeout({ attendant: null, central: 10, config: 60 }).seconds).toBe(15);
    expect(effectiveIdleTimeout({ attendant: null, central: 3600, config: 60 }).seconds).toBe(600);
  });
});
