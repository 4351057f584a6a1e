import { describe, expect, it } from 'vitest';
import { DEMO_MASTER_KEYS } from '../config';
import { diversify, ecbEncrypt, externalAuthCryptogram, internalAuthResponse } from './card-crypto';

const hex = (s: string): Buffer => Buffer.from(s, 'hex');
const CIC = hex('110105D156000005000000019E3779B1');

describe('card cryptography', () => {
  it('SM4 matches the GB/T 32907 example', () => {
    const k = hex('0123456789abcdeffedcba9876543210');
    expect(ecbEncrypt('sm4', k, k).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });

  it('two-key 3DES with equal halves equals single DES (FIPS 81 vector)', () => {
    // DES key 0123456789ABCDEF, plaintext "Now is t" → 3FA40E8A984D4815.
    const k = hex('0123456789ABCDEF0123456789ABCDEF');
    expect(ecbEncrypt('3des', k, Buffer.from('Now is t')).toString('hex').toUpperCase()).toBe(
      '3FA40E8A984D4815',
    );
  });

  it('diversifies per card and per key id', () => {
    const a = diversify(DEMO_MASTER_KEYS, 'sm4', 'internal', CIC);
    const b = diversify(DEMO_MASTER_KEYS, 'sm4', 'read', CIC);
    const c = diversify(
      DEMO_MASTER_KEYS,
      'sm4',
      'internal',
      hex('110105D156000005000000029E3779B1'),
    );
    expect(a).toHaveLength(16);
    expect(new Set([a, b, c].map((k) => k.toString('hex'))).size).toBe(3);
    expect(a).toEqual(ecbEncrypt('sm4', hex(DEMO_MASTER_KEYS.sm4.internal), CIC));
  });

  it('INTERNAL AUTHENTICATE is the first 8 bytes of E(K_internal, R)', () => {
    const r = hex('00112233445566778899AABBCCDDEEFF');
    const k = diversify(DEMO_MASTER_KEYS, 'sm4', 'internal', CIC);
    expect(internalAuthResponse(DEMO_MASTER_KEYS, 'sm4', CIC, r)).toEqual(
      ecbEncrypt('sm4', k, r).subarray(0, 8),
    );
    // 3DES takes the same 16-byte R (two blocks) and answers with the first block.
    const k3 = diversify(DEMO_MASTER_KEYS, '3des', 'internal', CIC);
    expect(internalAuthResponse(DEMO_MASTER_KEYS, '3des', CIC, r)).toEqual(
      ecbEncrypt('3des', k3, r.subarray(0, 8)),
    );
  });

  it('EXTERNAL AUTHENTICATE pads the card challenge with zeros to one block', () => {
    const n = hex('0102030405060708');
    const k = diversify(DEMO_MASTER_KEYS, 'sm4', 'read', CIC);
    expect(externalAuthCryptogram(DEMO_MASTER_KEYS, 'sm4', CIC, n)).toEqual(
      ecbEncrypt('sm4', k, Buffer.concat([n, Buffer.alloc(8)])).subarray(0, 8),
    );
  });

  it('matches the virtual card for the demo keys (vectors computed with electron/devices/card)', () => {
    const r = hex('00112233445566778899AABBCCDDEEFF');
    const des = hex('110100D15600000500A1B2C35E6F7081');
    const sm4 = hex('310100D15600000501C2D3E411223344');
    expect(internalAuthResponse(DEMO_MASTER_KEYS, '3des', des, r).toString('hex')).toBe(
      '009dd28e47d73697',
    );
    expect(internalAuthResponse(DEMO_MASTER_KEYS, 'sm4', sm4, r).toString('hex')).toBe(
      'a618e0b7a10d1248',
    );
  });

  it('refuses keys and data of the wrong size (a bug, not input)', () => {
    expect(() => ecbEncrypt('sm4', Buffer.alloc(8), Buffer.alloc(16))).toThrow();
    expect(() => ecbEncrypt('3des', Buffer.alloc(16), Buffer.alloc(7))).toThrow();
  });
});
