import { describe, expect, it } from 'vitest';
import { canonicalRequest, signedHeaders, signRequest, verifySignature } from './signing';

const input = {
  method: 'post',
  pathWithQuery: '/v1/operations?x=1',
  timestamp: '1700000000000',
  nonce: 'abcdefghijklmnop',
  body: '{"a":1}',
};

describe('request signing', () => {
  it('joins method, path+query, timestamp, nonce and the body hash', () => {
    expect(canonicalRequest(input)).toBe(
      'POST\n/v1/operations?x=1\n1700000000000\nabcdefghijklmnop\n015abd7f5cc57a2dd94b7590f04ad8084273905ee33ec5cebeae62276a97f862',
    );
  });

  it('verifies its own signature and rejects any changed part', () => {
    const sig = signRequest('s3cret', input);
    expect(verifySignature('s3cret', input, sig)).toBe(true);
    expect(verifySignature('other', input, sig)).toBe(false);
    for (const change of [
      { method: 'GET' },
      { pathWithQuery: '/v1/operations?x=2' },
      { timestamp: '1700000000001' },
      { nonce: 'abcdefghijklmnoq' },
      { body: '{"a":2}' },
    ]) {
      expect(verifySignature('s3cret', { ...input, ...change }, sig)).toBe(false);
    }
    expect(verifySignature('s3cret', input, 'zz')).toBe(false);
  });

  it('produces the four headers', () => {
    const h = signedHeaders(
      { kioskId: 'k1', secret: 's' },
      { method: 'GET', pathWithQuery: '/v1/kiosks/config', body: '' },
      42,
      'n'.repeat(16),
    );
    expect(Object.keys(h).sort()).toEqual(['x-kiosk-id', 'x-nonce', 'x-signature', 'x-timestamp']);
    expect(h['x-timestamp']).toBe('42');
  });
});
