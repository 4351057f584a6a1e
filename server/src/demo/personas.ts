import { cardCheckCharacter } from '../../../electron/domain/card-number';
import { idCheckCharacter } from '../../../electron/domain/id-number';
import type { CardAlgorithm } from '../domain/card-crypto';
import type { CardStatus } from '../domain/card-status';

/**
 * The demo citizens. The first six are the virtual card's personas
 * (electron/devices/card/personas.ts, same ids): name, ID number, card number, card
 * identification code, algorithm, version and dates are theirs, so demo cards authenticate
 * and find their records end to end. The last three exist only centrally, to give the kiosk
 * every remaining card status (formally lost, cancelled, a replacement in progress).
 * A card identification code is region (3 bytes cn) ‖ D156000005 ‖ serial (4) ‖ auth code (4).
 */
export interface PersonaCard {
  readonly cardNumber: string;
  readonly cardIdentificationCode: string;
  readonly algorithm: CardAlgorithm;
  readonly specVersion: '2.00' | '3.00';
  readonly status: CardStatus;
  readonly bank: string;
  readonly issueDate: string;
  readonly expiryDate: string;
  /** For a pre-reported card: the status it returns to. */
  readonly statusBeforePreReport?: CardStatus;
  readonly replacementStage?: 'applied' | 'in_production' | 'ready_for_collection';
}

export interface Persona {
  readonly key: string;
  readonly idNumber: string;
  readonly name: string;
  readonly sex: 1 | 2;
  readonly birthDate: string;
  readonly phone: string;
  readonly retired: boolean;
  readonly cards: readonly PersonaCard[];
  readonly note: string;
}

export const personaIdNumber = (first17: string): string =>
  `${first17}${idCheckCharacter(first17) ?? '?'}`;
export const personaCardNumber = (first8: string): string =>
  `${first8}${cardCheckCharacter(first8) ?? '?'}`;

interface CardSpec extends Omit<PersonaCard, 'cardNumber' | 'cardIdentificationCode'> {
  readonly stem: string;
  readonly region: string;
  readonly serial: string;
  readonly authCode: string;
}
const card = ({ stem, region, serial, authCode, ...rest }: CardSpec): PersonaCard => ({
  cardNumber: personaCardNumber(stem),
  cardIdentificationCode: `${region}D156000005${serial}${authCode}`.toUpperCase(),
  ...rest,
});

interface PersonSpec extends Omit<Persona, 'idNumber' | 'birthDate' | 'retired'> {
  readonly birthplace: string;
  readonly born: string;
  readonly seq: string;
}
const person = ({ birthplace, born, seq, ...rest }: PersonSpec): Persona => ({
  ...rest,
  idNumber: personaIdNumber(`${birthplace}${born.replaceAll('-', '')}${seq}`),
  birthDate: born,
  retired: Number(born.slice(0, 4)) < 1966,
});

export const PERSONAS: readonly Persona[] = [
  person({
    key: 'active-2',
    name: '张伟',
    sex: 1,
    birthplace: '110105',
    born: '1985-03-12',
    seq: '123',
    phone: '13800135678',
    note: 'active 2.00 card (3DES)',
    cards: [
      card({
        stem: 'A0123456',
        region: '110100',
        serial: '00A1B2C3',
        authCode: '5E6F7081',
        algorithm: '3des',
        specVersion: '2.00',
        status: 'active',
        bank: '中国工商银行',
        issueDate: '2019-06-01',
        expiryDate: '2029-06-01',
      }),
    ],
  }),
  person({
    key: 'sealed-3',
    name: '李娜',
    sex: 2,
    birthplace: '310104',
    born: '1992-07-18',
    seq: '246',
    phone: '13912345671',
    note: 'sealed 3.00 card (SM4) with the initial PIN',
    cards: [
      card({
        stem: 'B2345678',
        region: '310100',
        serial: '01C2D3E4',
        authCode: '11223344',
        algorithm: 'sm4',
        specVersion: '3.00',
        status: 'sealed',
        bank: '中国建设银行',
        issueDate: '2025-09-10',
        expiryDate: '2035-09-10',
      }),
    ],
  }),
  person({
    key: 'blocked',
    name: '王芳',
    sex: 2,
    birthplace: '440106',
    born: '1978-09-23',
    seq: '328',
    phone: '13602345672',
    note: 'active 2.00 card (3DES) whose PIN is blocked on the card',
    cards: [
      card({
        stem: 'C3456789',
        region: '440100',
        serial: '02D3E4F5',
        authCode: '55667788',
        algorithm: '3des',
        specVersion: '2.00',
        status: 'active',
        bank: '中国农业银行',
        issueDate: '2018-11-20',
        expiryDate: '2028-11-20',
      }),
    ],
  }),
  person({
    key: 'reported-lost',
    name: '刘洋',
    sex: 1,
    birthplace: '510107',
    born: '1990-01-05',
    seq: '155',
    phone: '13708235673',
    note: 'card pre-reported lost, no replacement: the pre-report can be cancelled at the kiosk',
    cards: [
      card({
        stem: 'D4567890',
        region: '510100',
        serial: '03E4F506',
        authCode: '99AABBCC',
        algorithm: '3des',
        specVersion: '2.00',
        status: 'pre_reported_lost',
        statusBeforePreReport: 'active',
        bank: '中国银行',
        issueDate: '2020-04-15',
        expiryDate: '2030-04-15',
      }),
    ],
  }),
  person({
    key: 'expired',
    name: '陈静',
    sex: 2,
    birthplace: '320102',
    born: '1958-04-30',
    seq: '264',
    phone: '13505145674',
    note: 'active 2.00 card (3DES) past its expiry date; retired',
    cards: [
      card({
        stem: 'E5678901',
        region: '320100',
        serial: '04F50617',
        authCode: 'DDEEFF00',
        algorithm: '3des',
        specVersion: '2.00',
        status: 'active',
        bank: '交通银行',
        issueDate: '2012-03-01',
        expiryDate: '2022-03-01',
      }),
    ],
  }),
  person({
    key: 'name-extension',
    name: '王𠮷',
    sex: 1,
    birthplace: '330106',
    born: '2005-02-14',
    seq: '171',
    phone: '13802205675',
    note: 'active 2.00 card whose name needs the extension field (𠮷 is outside GBK)',
    cards: [
      card({
        stem: 'F6789012',
        region: '330100',
        serial: '05061728',
        authCode: '13579BDF',
        algorithm: '3des',
        specVersion: '2.00',
        status: 'active',
        bank: '中国邮政储蓄银行',
        issueDate: '2021-08-30',
        expiryDate: '2031-08-30',
      }),
    ],
  }),
  person({
    key: 'replacement',
    name: '何洋',
    sex: 1,
    birthplace: '420106',
    born: '1979-04-03',
    seq: '331',
    phone: '13971235676',
    note: 'pre-reported lost with a replacement in production: cancelling is refused',
    cards: [
      card({
        stem: 'G7000001',
        region: '420100',
        serial: '06000001',
        authCode: '2468ACE0',
        algorithm: 'sm4',
        specVersion: '2.00',
        status: 'pre_reported_lost',
        statusBeforePreReport: 'active',
        replacementStage: 'in_production',
        bank: '招商银行',
        issueDate: '2019-05-20',
        expiryDate: '2029-05-20',
      }),
    ],
  }),
  person({
    key: 'formally-lost',
    name: '吴敏',
    sex: 2,
    birthplace: '370202',
    born: '1970-05-22',
    seq: '412',
    phone: '15853215677',
    note: 'a formally lost card and the number assigned for its replacement',
    cards: [
      card({
        stem: 'G7000002',
        region: '370200',
        serial: '06000002',
        authCode: '2468ACE1',
        algorithm: 'sm4',
        specVersion: '2.00',
        status: 'formally_lost',
        bank: '中国工商银行',
        issueDate: '2019-05-20',
        expiryDate: '2029-05-20',
      }),
      card({
        stem: 'G7000003',
        region: '370200',
        serial: '06000003',
        authCode: '2468ACE2',
        algorithm: 'sm4',
        specVersion: '3.00',
        status: 'number_assigned',
        bank: '中国工商银行',
        issueDate: '2026-11-01',
        expiryDate: '2036-11-01',
      }),
    ],
  }),
  person({
    key: 'cancelled',
    name: '孙磊',
    sex: 1,
    birthplace: '610103',
    born: '1992-09-18',
    seq: '253',
    phone: '18629185678',
    note: 'a cancelled card, one cancelled after loss, and a card in production',
    cards: [
      card({
        stem: 'G7000004',
        region: '610100',
        serial: '06000004',
        authCode: '2468ACE3',
        algorithm: '3des',
        specVersion: '2.00',
        status: 'cancelled',
        bank: '中国银行',
        issueDate: '2012-03-01',
        expiryDate: '2022-03-01',
      }),
      card({
        stem: 'G7000005',
        region: '610100',
        serial: '06000005',
        authCode: '2468ACE4',
        algorithm: 'sm4',
        specVersion: '2.00',
        status: 'cancelled_after_loss',
        bank: '中国银行',
        issueDate: '2019-05-20',
        expiryDate: '2029-05-20',
      }),
      card({
        stem: 'G7000006',
        region: '610100',
        serial: '06000006',
        authCode: '2468ACE5',
        algorithm: 'sm4',
        specVersion: '3.00',
        status: 'in_production',
        bank: '中国银行',
        issueDate: '2026-11-15',
        expiryDate: '2036-11-15',
      }),
    ],
  }),
];
