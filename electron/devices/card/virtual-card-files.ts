import { encodeAn, encodeCn, encodeDate, fitsGbk } from './card-encoding';
import { cardIdentificationCode, type SscCardData } from './personas';
import { ALGORITHM_CODE, EF, FCI_TAG, SSSE_NAME, TAG } from './ssc-profile';
import { encodeBerTlv, encodeSimpleRecord } from './tlv';

/** The records of EF05 and EF06 for a persona, each stored as its full simple-TLV record. */
export function buildFiles(card: SscCardData): Map<number, Map<number, Buffer>> {
  const issuer = new Map<number, Buffer>([
    [TAG.identificationCode, cardIdentificationCode(card)],
    [TAG.cardType, encodeAn(card.cardType, 1)],
    [TAG.specVersion, encodeAn(card.specVersion, 4)],
    [TAG.institution, encodeCn(card.institution, 12)],
    [TAG.issueDate, encodeDate(card.issueDate)],
    [TAG.expiryDate, encodeDate(card.expiryDate)],
    [TAG.cardNumber, encodeAn(card.cardNumber, 9)],
  ]);
  // Tag 09 keeps what GBK can write; the whole name goes to 4E (GB 18030) when that is not all.
  const gbkPart = Array.from(card.name).filter(fitsGbk).join('');
  const personal = new Map<number, Buffer>([
    [TAG.idNumber, encodeAn(card.idNumber, 18)],
    [TAG.name, encodeAn(gbkPart, 30)],
    [TAG.sex, encodeAn(card.sex, 1)],
    [TAG.nation, encodeCn(card.nation, 1)],
    [TAG.birthplace, encodeCn(card.birthplace, 3)],
    [TAG.birthDate, encodeDate(card.birthDate)],
  ]);
  if (!fitsGbk(card.name)) personal.set(TAG.nameExtension, encodeAn(card.name, 20, 'gb18030'));
  const asRecords = (m: Map<number, Buffer>): Map<number, Buffer> =>
    new Map([...m].map(([tag, value]) => [tag, encodeSimpleRecord(tag, value)]));
  return new Map([
    [EF.issuer, asRecords(issuer)],
    [EF.personal, asRecords(personal)],
  ]);
}

export function buildFci(card: SscCardData): Buffer {
  const algorithm = encodeBerTlv(FCI_TAG.algorithm, Buffer.from([ALGORITHM_CODE[card.algorithm]]));
  const proprietary = encodeBerTlv(
    FCI_TAG.proprietary,
    Buffer.concat([
      encodeBerTlv(FCI_TAG.sfi, Buffer.from([0x1e])),
      encodeBerTlv(FCI_TAG.algorithmTemplate, algorithm),
    ]),
  );
  return encodeBerTlv(
    FCI_TAG.fci,
    Buffer.concat([encodeBerTlv(FCI_TAG.dfName, SSSE_NAME), proprietary]),
  );
}
