import { cardCheckCharacter } from '../../domain/card-number';
import { idCheckCharacter } from '../../domain/id-number';
import { encodeCn } from './card-encoding';
import type { CardAlgorithm } from './card-crypto';

/**
 * The demo citizens (CARD.md, "The virtual card"). One list for the virtual card, the demo
 * panel and the central service's demo data, so that the same people exist everywhere.
 * Numbers carry correct check characters, computed with the domain rules rather than typed.
 */
export interface SscCardData {
  /** GB/T 2260 region of the issuer, 6 digits (first 3 bytes of the identification code). */
  readonly regionCode: string;
  /** Chip serial and authentication code of the identification code, 8 hex digits each. */
  readonly serial: string;
  readonly authCode: string;
  /** 1 child, 2 student, 3 adult, 4 senior. */
  readonly cardType: '1' | '2' | '3' | '4';
  readonly specVersion: '2.00' | '3.00';
  readonly algorithm: Exclude<CardAlgorithm, 'SSF33'>;
  /** Initialising institution number, 24 digits (cn 12). */
  readonly institution: string;
  readonly issueDate: string;
  readonly expiryDate: string;
  readonly cardNumber: string;
  readonly idNumber: string;
  /** Full name; characters outside GBK go to the name extension item (tag 4E). */
  readonly name: string;
  readonly sex: '1' | '2';
  /** Ethnicity code (GB 3304), 2 digits: 01 Han. */
  readonly nation: string;
  readonly birthplace: string;
  readonly birthDate: string;
}

/** What the central service knows about the card; the card itself cannot tell. */
export type AccountState = 'active' | 'sealed' | 'reported_lost' | 'none';

export interface DemoPersona {
  readonly id: string;
  readonly label: { readonly zh: string; readonly en: string };
  /** `null` for the card that is not a social security card. */
  readonly card: SscCardData | null;
  readonly atr: string;
  readonly pin: string;
  /** Tries left when the card is first inserted (0 = blocked). */
  readonly pinTriesLeft: number;
  readonly accountState: AccountState;
}

function cardNumber(first8: string): string {
  const check = cardCheckCharacter(first8);
  if (check === null) throw new RangeError(`bad card number stem ${first8}`);
  return first8 + check;
}

function idNumber(region: string, birth: string, sequence: string): string {
  const first17 = region + birth.replaceAll('-', '') + sequence;
  const check = idCheckCharacter(first17);
  if (check === null) throw new RangeError(`bad ID stem ${first17}`);
  return first17 + check;
}

// "SSC KIOS" as historical bytes; T=0, no interface bytes beyond TB1/TC1.
const SSC_ATR = '3B68000053534320' + '4B494F53';
const OTHER_ATR = '3B650000' + '42414E4B31'; // "BANK1": some other ISO 7816 card

const INSTITUTION = '110000000000000000000001';

function person(
  p: Omit<SscCardData, 'idNumber' | 'birthDate' | 'institution'> & { seq: string; born: string },
): SscCardData {
  const { seq, born, ...rest } = p;
  return {
    ...rest,
    institution: INSTITUTION,
    birthDate: born,
    idNumber: idNumber(p.birthplace, born, seq),
  };
}

export const DEMO_PERSONAS: readonly DemoPersona[] = [
  {
    id: 'active-2',
    label: { zh: '张伟（2.0 卡，正常）', en: 'Zhang Wei (2.0 card, active)' },
    atr: SSC_ATR,
    pin: '135790',
    pinTriesLeft: 3,
    accountState: 'active',
    card: person({
      regionCode: '110100',
      serial: '00A1B2C3',
      authCode: '5E6F7081',
      cardType: '3',
      specVersion: '2.00',
      algorithm: 'DES',
      issueDate: '2019-06-01',
      expiryDate: '2029-06-01',
      cardNumber: cardNumber('A0123456'),
      name: '张伟',
      sex: '1',
      nation: '01',
      birthplace: '110105',
      born: '1985-03-12',
      seq: '123',
    }),
  },
  {
    id: 'sealed-3',
    label: { zh: '李娜（3.0 卡，未启用，初始密码）', en: 'Li Na (3.0 card, not yet activated)' },
    atr: SSC_ATR,
    pin: '123456',
    pinTriesLeft: 3,
    accountState: 'sealed',
    card: person({
      regionCode: '310100',
      serial: '01C2D3E4',
      authCode: '11223344',
      cardType: '3',
      specVersion: '3.00',
      algorithm: 'SM4',
      issueDate: '2025-09-10',
      expiryDate: '2035-09-10',
      cardNumber: cardNumber('B2345678'),
      name: '李娜',
      sex: '2',
      nation: '01',
      birthplace: '310104',
      born: '1992-07-18',
      seq: '246',
    }),
  },
  {
    id: 'blocked',
    label: { zh: '王芳（密码已锁定）', en: 'Wang Fang (PIN blocked)' },
    atr: SSC_ATR,
    pin: '246802',
    pinTriesLeft: 0,
    accountState: 'active',
    card: person({
      regionCode: '440100',
      serial: '02D3E4F5',
      authCode: '55667788',
      cardType: '3',
      specVersion: '2.00',
      algorithm: 'DES',
      issueDate: '2018-11-20',
      expiryDate: '2028-11-20',
      cardNumber: cardNumber('C3456789'),
      name: '王芳',
      sex: '2',
      nation: '01',
      birthplace: '440106',
      born: '1978-09-23',
      seq: '328',
    }),
  },
  {
    id: 'reported-lost',
    label: { zh: '刘洋（已挂失）', en: 'Liu Yang (reported lost)' },
    atr: SSC_ATR,
    pin: '802468',
    pinTriesLeft: 3,
    accountState: 'reported_lost',
    card: person({
      regionCode: '510100',
      serial: '03E4F506',
      authCode: '99AABBCC',
      cardType: '3',
      specVersion: '2.00',
      algorithm: 'DES',
      issueDate: '2020-04-15',
      expiryDate: '2030-04-15',
      cardNumber: cardNumber('D4567890'),
      name: '刘洋',
      sex: '1',
      nation: '01',
      birthplace: '510107',
      born: '1990-01-05',
      seq: '155',
    }),
  },
  {
    id: 'expired',
    label: { zh: '陈静（卡已过期）', en: 'Chen Jing (card expired)' },
    atr: SSC_ATR,
    pin: '975310',
    pinTriesLeft: 3,
    accountState: 'active',
    card: person({
      regionCode: '320100',
      serial: '04F50617',
      authCode: 'DDEEFF00',
      cardType: '4',
      specVersion: '2.00',
      algorithm: 'DES',
      issueDate: '2012-03-01',
      expiryDate: '2022-03-01',
      cardNumber: cardNumber('E5678901'),
      name: '陈静',
      sex: '2',
      nation: '01',
      birthplace: '320102',
      born: '1958-04-30',
      seq: '264',
    }),
  },
  {
    id: 'name-extension',
    label: { zh: '王𠮷（姓名含生僻字）', en: 'Wang Zhe (name outside GBK)' },
    atr: SSC_ATR,
    pin: '314159',
    pinTriesLeft: 3,
    accountState: 'active',
    card: person({
      regionCode: '330100',
      serial: '05061728',
      authCode: '13579BDF',
      cardType: '2',
      specVersion: '2.00',
      algorithm: 'DES',
      issueDate: '2021-08-30',
      expiryDate: '2031-08-30',
      cardNumber: cardNumber('F6789012'),
      name: '王𠮷',
      sex: '1',
      nation: '01',
      birthplace: '330106',
      born: '2005-02-14',
      seq: '171',
    }),
  },
  {
    // The central service's 'replacement' persona: pre-reported lost with a replacement card in
    // production, so the kiosk must refuse to cancel the pre-report (PRODUCT.md item 9).
    id: 'replacement',
    label: {
      zh: '何洋（已挂失，补卡中）',
      en: 'He Yang (reported lost, replacement in production)',
    },
    atr: SSC_ATR,
    pin: '731902',
    pinTriesLeft: 3,
    accountState: 'reported_lost',
    card: person({
      regionCode: '420100',
      serial: '06000001',
      authCode: '2468ACE0',
      cardType: '3',
      specVersion: '2.00',
      algorithm: 'SM4',
      issueDate: '2019-05-20',
      expiryDate: '2029-05-20',
      cardNumber: cardNumber('G7000001'),
      name: '何洋',
      sex: '1',
      nation: '01',
      birthplace: '420106',
      born: '1979-04-03',
      seq: '331',
    }),
  },
  {
    id: 'non-ssc',
    label: { zh: '其他智能卡（非社保卡）', en: 'Another smart card (not an SSC)' },
    atr: OTHER_ATR,
    pin: '000000',
    pinTriesLeft: 3,
    accountState: 'none',
    card: null,
  },
];

export function findPersona(id: string): DemoPersona | undefined {
  return DEMO_PERSONAS.find((p) => p.id === id);
}

/** Region (cn 3) ‖ D156000005 ‖ serial ‖ authentication code: the card's 16-byte identity. */
export function cardIdentificationCode(card: SscCardData): Buffer {
  return Buffer.concat([
    encodeCn(card.regionCode, 3),
    Buffer.from('D156000005', 'hex'),
    Buffer.from(card.serial, 'hex'),
    Buffer.from(card.authCode, 'hex'),
  ]);
}
