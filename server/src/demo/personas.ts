import { cardCheckCharacter } from '../../../electron/domain/card-number';
import { idCheckCharacter } from '../../../electron/domain/id-number';
import type { CardAlgorithm } from '../domain/card-crypto';
import type { CardStatus } from '../domain/card-status';

/**
 * The demo citizens of CARD.md, shared with the virtual card (electron/devices/card): the
 * card identification code, card number, ID number and name on each demo card are these.
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
const cic = (region: string, serial: number): string =>
  `${region}D156000005${serial.toString(16).padStart(8, '0')}${((serial * 2654435761) >>> 0).toString(16).padStart(8, '0')}`.toUpperCase();

const card = (
  serial: number,
  region: string,
  extra: Omit<PersonaCard, 'cardNumber' | 'cardIdentificationCode'>,
): PersonaCard => ({
  cardNumber: personaCardNumber(`A${String(serial).padStart(7, '0')}`),
  cardIdentificationCode: cic(region, serial),
  ...extra,
});

const valid = { issueDate: '2019-05-20', expiryDate: '2029-05-20' } as const;

export const PERSONAS: readonly Persona[] = [
  {
    key: 'active',
    idNumber: personaIdNumber('11010519750312401'),
    name: '张伟',
    sex: 1,
    birthDate: '1975-03-12',
    phone: '13800135678',
    retired: false,
    note: 'active 2.00 card (SM4), PIN 246810',
    cards: [
      card(1, '110105', {
        algorithm: 'sm4',
        specVersion: '2.00',
        status: 'active',
        bank: '中国工商银行',
        ...valid,
      }),
    ],
  },
  {
    key: 'sealed',
    idNumber: personaIdNumber('31010419880917302'),
    name: '李秀英',
    sex: 2,
    birthDate: '1988-09-17',
    phone: '13912345671',
    retired: false,
    note: 'sealed 3.00 card (SM4) with the initial PIN 123456',
    cards: [
      card(2, '310104', {
        algorithm: 'sm4',
        specVersion: '3.00',
        status: 'sealed',
        bank: '中国建设银行',
        issueDate: '2026-10-08',
        expiryDate: '2036-10-08',
      }),
    ],
  },
  {
    key: 'blocked',
    idNumber: personaIdNumber('44030519620805123'),
    name: '王建国',
    sex: 1,
    birthDate: '1962-08-05',
    phone: '13602345672',
    retired: true,
    note: 'active 2.00 card (3DES) whose PIN is blocked on the card',
    cards: [
      card(3, '440305', {
        algorithm: '3des',
        specVersion: '2.00',
        status: 'active',
        bank: '中国农业银行',
        ...valid,
      }),
    ],
  },
  {
    key: 'pre-reported',
    idNumber: personaIdNumber('51010719900214282'),
    name: '刘芳',
    sex: 2,
    birthDate: '1990-02-14',
    phone: '13708235673',
    retired: false,
    note: 'card pre-reported lost, no replacement: can be cancelled at the kiosk',
    cards: [
      card(4, '510107', {
        algorithm: 'sm4',
        specVersion: '2.00',
        status: 'pre_reported_lost',
        statusBeforePreReport: 'active',
        bank: '中国银行',
        ...valid,
      }),
    ],
  },
  {
    key: 'expired',
    idNumber: personaIdNumber('32010219581130151'),
    name: '陈明',
    sex: 1,
    birthDate: '1958-11-30',
    phone: '13505145674',
    retired: true,
    note: 'active 2.00 card (3DES) past its expiry date',
    cards: [
      card(5, '320102', {
        algorithm: '3des',
        specVersion: '2.00',
        status: 'active',
        bank: '交通银行',
        issueDate: '2014-06-30',
        expiryDate: '2024-06-30',
      }),
    ],
  },
  {
    key: 'name-extension',
    idNumber: personaIdNumber('44010619830707264'),
    name: '赵䶮',
    sex: 2,
    birthDate: '1983-07-07',
    phone: '13802205675',
    retired: false,
    note: 'active 2.00 card whose name needs the extension field (䶮 is outside GBK)',
    cards: [
      card(6, '440106', {
        algorithm: 'sm4',
        specVersion: '2.00',
        status: 'active',
        bank: '中国邮政储蓄银行',
        ...valid,
      }),
    ],
  },
  {
    key: 'replacement',
    idNumber: personaIdNumber('42010619790403331'),
    name: '何洋',
    sex: 1,
    birthDate: '1979-04-03',
    phone: '13971235676',
    retired: false,
    note: 'pre-reported lost with a replacement applied for: cancelling is refused',
    cards: [
      card(7, '420106', {
        algorithm: 'sm4',
        specVersion: '2.00',
        status: 'pre_reported_lost',
        statusBeforePreReport: 'active',
        bank: '招商银行',
        replacementStage: 'in_production',
        ...valid,
      }),
    ],
  },
  {
    key: 'formally-lost',
    idNumber: personaIdNumber('37020219700522412'),
    name: '吴敏',
    sex: 2,
    birthDate: '1970-05-22',
    phone: '15853215677',
    retired: false,
    note: 'one formally lost card and one number assigned for its replacement',
    cards: [
      card(8, '370202', {
        algorithm: 'sm4',
        specVersion: '2.00',
        status: 'formally_lost',
        bank: '中国工商银行',
        ...valid,
      }),
      card(9, '370202', {
        algorithm: 'sm4',
        specVersion: '3.00',
        status: 'number_assigned',
        bank: '中国工商银行',
        issueDate: '2026-11-01',
        expiryDate: '2036-11-01',
      }),
    ],
  },
  {
    key: 'cancelled',
    idNumber: personaIdNumber('61010319920918253'),
    name: '孙丽',
    sex: 1,
    birthDate: '1992-09-18',
    phone: '18629185678',
    retired: false,
    note: 'a cancelled card, one cancelled after loss, and a card in production',
    cards: [
      card(10, '610103', {
        algorithm: '3des',
        specVersion: '2.00',
        status: 'cancelled',
        bank: '中国银行',
        issueDate: '2012-03-01',
        expiryDate: '2022-03-01',
      }),
      card(11, '610103', {
        algorithm: 'sm4',
        specVersion: '2.00',
        status: 'cancelled_after_loss',
        bank: '中国银行',
        ...valid,
      }),
      card(12, '610103', {
        algorithm: 'sm4',
        specVersion: '3.00',
        status: 'in_production',
        bank: '中国银行',
        issueDate: '2026-11-15',
        expiryDate: '2036-11-15',
      }),
    ],
  },
];
