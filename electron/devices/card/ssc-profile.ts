import iconv from 'iconv-lite';
import type { CardAlgorithm } from './card-crypto';

/** Constants of the card profile shared by the kiosk's card application and the virtual card. */

/** "sx1.sh.社会保障" in GBK: the SSSE directory's name. */
export const SSSE_NAME: Buffer = iconv.encode('sx1.sh.社会保障', 'gbk');

export const EF = { issuer: 0xef05, personal: 0xef06 } as const;

export const TAG = {
  identificationCode: 0x01,
  cardType: 0x02,
  specVersion: 0x03,
  institution: 0x04,
  issueDate: 0x05,
  expiryDate: 0x06,
  cardNumber: 0x07,
  idNumber: 0x08,
  name: 0x09,
  sex: 0x0a,
  nation: 0x0b,
  birthplace: 0x0c,
  birthDate: 0x0d,
  nameExtension: 0x4e,
} as const;

/** Value lengths of each item; the kiosk asks for exactly record length (tag + len + value). */
export const ITEM_LENGTH: Readonly<Record<number, number>> = {
  [TAG.identificationCode]: 16,
  [TAG.cardType]: 1,
  [TAG.specVersion]: 4,
  [TAG.institution]: 12,
  [TAG.issueDate]: 4,
  [TAG.expiryDate]: 4,
  [TAG.cardNumber]: 9,
  [TAG.idNumber]: 18,
  [TAG.name]: 30,
  [TAG.sex]: 1,
  [TAG.nation]: 1,
  [TAG.birthplace]: 3,
  [TAG.birthDate]: 4,
  [TAG.nameExtension]: 20,
};

export const ALGORITHM_CODE: Readonly<Record<CardAlgorithm, number>> = {
  DES: 0x01,
  SSF33: 0x02,
  SM4: 0x03,
};

export const FCI_TAG = {
  fci: 0x6f,
  dfName: 0x84,
  proprietary: 0xa5,
  sfi: 0x88,
  algorithmTemplate: 0x9f0c,
  algorithm: 0x86,
} as const;
