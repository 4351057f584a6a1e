import { err, ok, type Result } from '../../result';
import type { CardAlgorithm } from './card-crypto';
import { FCI_TAG } from './ssc-profile';
import { findTlv, parseBerTlv } from './tlv';

export type FciError = 'fci_malformed' | 'fci_unknown_algorithm';

const BY_CODE: Readonly<Record<number, CardAlgorithm>> = {
  0x01: 'DES',
  0x02: 'SSF33',
  0x03: 'SM4',
};

/** The SSSE FCI → the card's algorithm. No tag 86 means 3DES (CARD.md). */
export function parseFci(bytes: Uint8Array): Result<{ algorithm: CardAlgorithm }, FciError> {
  const nodes = parseBerTlv(bytes);
  if (!nodes.ok) return err('fci_malformed');
  const fci = nodes.value.find((n) => n.tag === FCI_TAG.fci);
  if (!fci?.children) return err('fci_malformed');
  // Tag 86 sits inside 9F0C, which BER marks primitive; its value is parsed as TLV here.
  let algorithmNode = findTlv(fci.children, FCI_TAG.algorithm);
  const template = findTlv(fci.children, FCI_TAG.algorithmTemplate);
  if (!algorithmNode && template) {
    const inner = parseBerTlv(template.value);
    if (!inner.ok) return err('fci_malformed');
    algorithmNode = findTlv(inner.value, FCI_TAG.algorithm);
  }
  if (!algorithmNode) return ok({ algorithm: 'DES' });
  if (algorithmNode.value.length !== 1) return err('fci_malformed');
  const algorithm = BY_CODE[algorithmNode.value[0] ?? 0];
  return algorithm ? ok({ algorithm }) : err('fci_unknown_algorithm');
}
