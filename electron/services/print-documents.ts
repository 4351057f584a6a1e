/**
 * The printouts of the self-service inquiry, built from the central service's own answers in
 * the main process (never from figures the renderer sends): the contribution statement
 * (参保缴费证明, A4, chosen years) and each inquiry page as a roll receipt. Personal data is
 * masked here, once, so the PDF, the reprint store and the CUPS spool hold only what the paper
 * shows. Every document carries the central service's verification code and its QR.
 */
import type {
  Benefits,
  CardSummary,
  Contributions,
  Insurances,
  MedicalAccount,
  MedicalTransactions,
  PensionAccount,
  Person,
} from '../../server/api-types';
import type { Language } from '../contract';
import { maskIdNumber, maskName } from '../domain/mask';
import {
  formatDateTime,
  formatFen,
  receiptQrPayload,
  type PrintContext,
  type ReceiptDocument,
  type ReceiptKind,
} from '../devices/printer';
import type { Block, KeyValueRow, TableColumn } from '../devices/printer/receipt';

type InsuranceType = Insurances['insurances'][number]['type'];
const INSURANCE_ORDER: readonly InsuranceType[] = [
  'endowment',
  'medical',
  'unemployment',
  'work_injury',
  'maternity',
];

const L = {
  'zh-CN': {
    statement: '社会保险个人参保缴费证明',
    pages: {
      person: '个人信息及参保情况',
      medical: '医保个人账户',
      pension: '养老保险个人账户',
      benefits: '待遇发放记录',
      replacement: '补换卡进度',
    },
    name: '姓名',
    idNumber: '证件号码',
    cardNumber: '社保卡号',
    sex: '性别',
    male: '男',
    female: '女',
    birthDate: '出生日期',
    phone: '手机号码',
    cardStatus: '卡片状态',
    bank: '服务银行',
    years: '缴费年度',
    printedAt: '打印时间',
    yearHeading: '{year}年度',
    yearTotal: '{year}年度实缴合计（元）',
    insurance: '险种',
    paidMonths: '实缴月数',
    arrearsMonths: '欠缴月数',
    month: '月份',
    base: '缴费基数',
    employer: '单位缴纳',
    personal: '个人缴纳',
    status: '状态',
    paid: '已缴',
    arrears: '欠缴',
    total: '合计',
    noRecords: '本年度无缴费记录',
    statementNote:
      '本证明根据社会保险经办机构的记录打印，金额单位为元，合计只计已缴月份。可凭验证码向社会保险经办机构核验真伪。',
    pageNote: '本页为自助查询结果，以社会保险经办机构记录为准。可凭验证码核验真伪。',
    verification: '验证码',
    scan: '扫码核验',
    insuranceStatus: { participating: '参保缴费', suspended: '暂停缴费', terminated: '终止参保' },
    startDate: '参保日期',
    employerName: '参保单位',
    balance: '账户余额（元）',
    asOf: '截至',
    date: '日期',
    place: '地点',
    amount: '金额（元）',
    pensionTotal: '个人账户累计储存额（元）',
    pensionPersonal: '其中个人缴费部分（元）',
    monthsPaid: '累计缴费月数',
    benefitMonth: '发放月份',
    benefitType: '待遇类别',
    noBenefits: '没有待遇发放记录',
    noTransactions: '没有账户交易记录',
    replacementStage: '办理进度',
    appliedAt: '申请日期',
    noReplacement: '这张社保卡目前没有正在办理的补换卡申请。',
  },
  en: {
    statement: 'Social Insurance Contribution Statement',
    pages: {
      person: 'Personal information and insurance',
      medical: 'Medical insurance personal account',
      pension: 'Pension personal account',
      benefits: 'Benefits received',
      replacement: 'Card replacement progress',
    },
    name: 'Name',
    idNumber: 'ID number',
    cardNumber: 'Card number',
    sex: 'Sex',
    male: 'Male',
    female: 'Female',
    birthDate: 'Date of birth',
    phone: 'Mobile',
    cardStatus: 'Card status',
    bank: 'Bank',
    years: 'Years',
    printedAt: 'Printed',
    yearHeading: 'Year {year}',
    yearTotal: 'Paid in {year} (CNY)',
    insurance: 'Insurance',
    paidMonths: 'Paid months',
    arrearsMonths: 'Arrears',
    month: 'Month',
    base: 'Base',
    employer: 'Employer',
    personal: 'Personal',
    status: 'Status',
    paid: 'Paid',
    arrears: 'Arrears',
    total: 'Total',
    noRecords: 'No contributions recorded for this year',
    statementNote:
      'Printed from the records of the social insurance agency; amounts in CNY, totals count paid months only. The agency can confirm this statement by its verification code.',
    pageNote:
      'Self-service inquiry result; the records of the social insurance agency are authoritative. Verify it by its code.',
    verification: 'Verification code',
    scan: 'Scan to verify',
    insuranceStatus: {
      participating: 'Participating',
      suspended: 'Suspended',
      terminated: 'Terminated',
    },
    startDate: 'Since',
    employerName: 'Employer',
    balance: 'Balance (CNY)',
    asOf: 'As of',
    date: 'Date',
    place: 'Place',
    amount: 'Amount (CNY)',
    pensionTotal: 'Account total (CNY)',
    pensionPersonal: 'of which personal (CNY)',
    monthsPaid: 'Months paid',
    benefitMonth: 'Month',
    benefitType: 'Benefit',
    noBenefits: 'No benefits recorded',
    noTransactions: 'No account transactions',
    replacementStage: 'Stage',
    appliedAt: 'Applied on',
    noReplacement: 'No replacement card is being made for this card.',
  },
} as const;

const INSURANCE: Record<Language, Record<InsuranceType, string>> = {
  'zh-CN': {
    endowment: '养老保险',
    medical: '医疗保险',
    unemployment: '失业保险',
    work_injury: '工伤保险',
    maternity: '生育保险',
  },
  en: {
    endowment: 'Pension',
    medical: 'Medical',
    unemployment: 'Unemployment',
    work_injury: 'Work injury',
    maternity: 'Maternity',
  },
};

const CARD_STATUS: Record<Language, Record<CardSummary['status'], string>> = {
  'zh-CN': {
    number_assigned: '已分配卡号',
    in_production: '制卡中',
    sealed: '未启用',
    active: '正常',
    pre_reported_lost: '临时挂失',
    formally_lost: '正式挂失',
    cancelled_after_loss: '挂失后注销',
    cancelled: '已注销',
  },
  en: {
    number_assigned: 'Number assigned',
    in_production: 'In production',
    sealed: 'Not activated',
    active: 'Active',
    pre_reported_lost: 'Pre-reported lost',
    formally_lost: 'Formally lost',
    cancelled_after_loss: 'Cancelled after loss',
    cancelled: 'Cancelled',
  },
};

type Stage = NonNullable<CardSummary['replacement']>['stage'];
const STAGE: Record<Language, Record<Stage, string>> = {
  'zh-CN': {
    applied: '已受理申请',
    in_production: '新卡制作中',
    ready_for_collection: '新卡可领取',
  },
  en: {
    applied: 'Application received',
    in_production: 'New card in production',
    ready_for_collection: 'New card ready for collection',
  },
};

type BenefitType = Benefits['benefits'][number]['type'];
const BENEFIT: Record<Language, Record<BenefitType, string>> = {
  'zh-CN': {
    pension: '养老金',
    unemployment: '失业保险金',
    maternity: '生育津贴',
    work_injury: '工伤保险待遇',
    medical_reimbursement: '医疗费报销',
  },
  en: {
    pension: 'Pension',
    unemployment: 'Unemployment benefit',
    maternity: 'Maternity allowance',
    work_injury: 'Work injury benefit',
    medical_reimbursement: 'Medical reimbursement',
  },
};

/** The printable inquiry pages (the contributions page prints the statement). */
export type PrintablePage = 'person' | 'medical' | 'pension' | 'benefits' | 'replacement';

const fill = (template: string, year: number): string => template.replace('{year}', String(year));
/** The date part of an ISO date or date-time, as printed (ASCII, one font). */
const day = (iso: string): string => iso.slice(0, 10);
const month = (m: number): string => String(m).padStart(2, '0');

function verification(language: Language, kind: ReceiptKind, code: string): Block[] {
  const t = L[language];
  return [
    { kind: 'verification', label: t.verification, code },
    { kind: 'qr', payload: receiptQrPayload(kind, code, code), caption: t.scan },
  ];
}

export interface StatementData {
  readonly person: Person;
  readonly contributions: Contributions;
  readonly fromYear: number;
  readonly toYear: number;
  readonly verificationCode: string;
}

export interface YearSummaryLine {
  readonly type: InsuranceType;
  readonly paidMonths: number;
  readonly arrearsMonths: number;
  readonly employerFen: number;
  readonly personalFen: number;
}

/** One year's figures per insurance type; only paid months count towards the sums. */
export function yearSummary(year: Contributions['years'][number]): YearSummaryLine[] {
  return INSURANCE_ORDER.flatMap((type) => {
    const months = year.types.find((x) => x.type === type)?.months;
    if (!months) return [];
    const paid = months.filter((m) => m.paid);
    return [
      {
        type,
        paidMonths: paid.length,
        arrearsMonths: months.length - paid.length,
        employerFen: paid.reduce((s, m) => s + m.employerFen, 0),
        personalFen: paid.reduce((s, m) => s + m.personalFen, 0),
      },
    ];
  });
}

/** The contribution statement for the chosen years, on A4. */
export function contributionStatementDocument(
  ctx: PrintContext,
  data: StatementData,
): ReceiptDocument {
  const lang = ctx.language;
  const t = L[lang];
  const ins = INSURANCE[lang];
  const blocks: Block[] = [
    { kind: 'title', text: t.statement },
    { kind: 'subtitle', text: ctx.siteName },
    {
      kind: 'rows',
      rows: [
        { label: t.name, value: maskName(data.person.name) },
        { label: t.idNumber, value: maskIdNumber(data.person.idNumberMasked) },
        { label: t.cardNumber, value: data.person.cardNumberMasked },
        {
          label: t.years,
          value:
            data.fromYear === data.toYear
              ? String(data.fromYear)
              : `${data.fromYear} - ${data.toYear}`,
        },
        { label: t.printedAt, value: formatDateTime(ctx.now, ctx.timeZone) },
        { label: t.verification, value: data.verificationCode },
      ],
    },
  ];
  const summaryColumns: TableColumn[] = [
    { header: t.insurance, align: 'left', weight: 1.6 },
    { header: t.paidMonths, align: 'right', weight: 1 },
    { header: t.arrearsMonths, align: 'right', weight: 1 },
    { header: t.employer, align: 'right', weight: 1.3 },
    { header: t.personal, align: 'right', weight: 1.3 },
  ];
  const detailColumns: TableColumn[] = [
    { header: t.month, align: 'left', weight: 1 },
    { header: t.insurance, align: 'left', weight: 1.5 },
    { header: t.base, align: 'right', weight: 1.3 },
    { header: t.employer, align: 'right', weight: 1.2 },
    { header: t.personal, align: 'right', weight: 1.2 },
    { header: t.status, align: 'left', weight: 0.9 },
  ];
  for (let y = data.fromYear; y <= data.toYear; y++) {
    blocks.push({ kind: 'separator' }, { kind: 'subtitle', text: fill(t.yearHeading, y) });
    const year = data.contributions.years.find((x) => x.year === y);
    if (!year || year.types.length === 0) {
      blocks.push({ kind: 'paragraph', text: t.noRecords });
      continue;
    }
    const lines = yearSummary(year);
    blocks.push({
      kind: 'table',
      columns: summaryColumns,
      rows: [
        ...lines.map((l) => [
          ins[l.type],
          String(l.paidMonths),
          String(l.arrearsMonths),
          formatFen(l.employerFen),
          formatFen(l.personalFen),
        ]),
        [
          t.total,
          '',
          '',
          formatFen(lines.reduce((s, l) => s + l.employerFen, 0)),
          formatFen(lines.reduce((s, l) => s + l.personalFen, 0)),
        ],
      ],
    });
    // The central service's own yearly total, printed as it sent it.
    blocks.push({
      kind: 'rows',
      rows: [{ label: fill(t.yearTotal, y), value: formatFen(year.totalFen) }],
    });
    const detail: string[][] = [];
    for (let m = 1; m <= 12; m++) {
      for (const type of INSURANCE_ORDER) {
        const rec = year.types.find((x) => x.type === type)?.months.find((x) => x.month === m);
        if (!rec) continue;
        detail.push([
          `${y}-${month(m)}`,
          ins[type],
          formatFen(rec.baseFen),
          formatFen(rec.employerFen),
          formatFen(rec.personalFen),
          rec.paid ? t.paid : t.arrears,
        ]);
      }
    }
    blocks.push({ kind: 'table', columns: detailColumns, rows: detail });
  }
  blocks.push(
    { kind: 'separator' },
    { kind: 'paragraph', text: t.statementNote },
    ...verification(lang, 'contribution_statement', data.verificationCode),
  );
  return {
    kind: 'contribution_statement',
    language: lang,
    format: 'a4',
    title: t.statement,
    blocks,
    footer: { kioskId: ctx.kioskId, printedAt: ctx.now, reference: data.verificationCode },
  };
}

/** The answers an inquiry page is printed from (the same calls as its screen). */
export type PageData =
  | { readonly page: 'person'; readonly person: Person; readonly insurances: Insurances }
  | {
      readonly page: 'medical';
      readonly account: MedicalAccount;
      readonly transactions: MedicalTransactions;
    }
  | { readonly page: 'pension'; readonly account: PensionAccount }
  | { readonly page: 'benefits'; readonly benefits: Benefits }
  | { readonly page: 'replacement'; readonly card: CardSummary };

function pageBlocks(lang: Language, data: PageData): Block[] {
  const t = L[lang];
  switch (data.page) {
    case 'person': {
      const p = data.person;
      const rows: KeyValueRow[] = [
        { label: t.name, value: maskName(p.name) },
        { label: t.idNumber, value: maskIdNumber(p.idNumberMasked) },
        { label: t.sex, value: p.sex === 'male' ? t.male : t.female },
        { label: t.birthDate, value: day(p.birthDate) },
        { label: t.phone, value: p.phoneMasked },
        { label: t.cardNumber, value: p.cardNumberMasked },
        { label: t.cardStatus, value: CARD_STATUS[lang][p.cardStatus] },
        { label: t.bank, value: p.bank },
      ];
      const insurances = [...data.insurances.insurances].sort(
        (a, b) => INSURANCE_ORDER.indexOf(a.type) - INSURANCE_ORDER.indexOf(b.type),
      );
      return [
        { kind: 'rows', rows },
        { kind: 'separator' },
        {
          kind: 'table',
          columns: [
            { header: t.insurance, align: 'left', weight: 1.2 },
            { header: t.status, align: 'left', weight: 1.1 },
            { header: t.startDate, align: 'left', weight: 1.2 },
          ],
          rows: insurances.map((i) => [
            INSURANCE[lang][i.type],
            t.insuranceStatus[i.status],
            day(i.startDate),
          ]),
        },
      ];
    }
    case 'medical': {
      const tx = data.transactions.transactions;
      return [
        {
          kind: 'rows',
          rows: [
            { label: t.balance, value: formatFen(data.account.balanceFen) },
            { label: t.asOf, value: day(data.account.asOf) },
          ],
        },
        { kind: 'separator' },
        tx.length === 0
          ? { kind: 'paragraph', text: t.noTransactions }
          : {
              kind: 'table',
              columns: [
                { header: t.date, align: 'left', weight: 1.1 },
                { header: t.place, align: 'left', weight: 1.5 },
                { header: t.amount, align: 'right', weight: 1.1 },
              ],
              rows: tx.map((x) => [day(x.at), x.place, formatFen(x.amountFen)]),
            },
      ];
    }
    case 'pension':
      return [
        {
          kind: 'rows',
          rows: [
            { label: t.pensionTotal, value: formatFen(data.account.totalFen) },
            { label: t.pensionPersonal, value: formatFen(data.account.personalFen) },
            { label: t.monthsPaid, value: String(data.account.monthsPaid) },
            { label: t.asOf, value: day(data.account.asOf) },
          ],
        },
      ];
    case 'benefits': {
      const list = data.benefits.benefits;
      return list.length === 0
        ? [{ kind: 'paragraph', text: t.noBenefits }]
        : [
            {
              kind: 'table',
              columns: [
                { header: t.benefitMonth, align: 'left', weight: 1 },
                { header: t.benefitType, align: 'left', weight: 1.5 },
                { header: t.amount, align: 'right', weight: 1.1 },
              ],
              rows: list.map((b) => [b.month, BENEFIT[lang][b.type], formatFen(b.amountFen)]),
            },
          ];
    }
    case 'replacement': {
      const r = data.card.replacement;
      const card: KeyValueRow[] = [
        { label: t.cardNumber, value: data.card.cardNumberMasked },
        { label: t.cardStatus, value: CARD_STATUS[lang][data.card.status] },
      ];
      return r
        ? [
            {
              kind: 'rows',
              rows: [
                ...card,
                { label: t.replacementStage, value: STAGE[lang][r.stage] },
                { label: t.appliedAt, value: day(r.appliedAt) },
              ],
            },
          ]
        : [
            { kind: 'rows', rows: card },
            { kind: 'paragraph', text: t.noReplacement },
          ];
    }
  }
}

/** An inquiry page as a roll receipt, with its verification code. */
export function inquiryPageDocument(
  ctx: PrintContext,
  data: PageData,
  verificationCode: string,
): ReceiptDocument {
  const lang = ctx.language;
  const t = L[lang];
  const heading = t.pages[data.page];
  return {
    kind: 'inquiry',
    language: lang,
    format: 'receipt',
    title: heading,
    blocks: [
      { kind: 'title', text: heading },
      { kind: 'subtitle', text: ctx.siteName },
      ...pageBlocks(lang, data),
      { kind: 'separator' },
      { kind: 'paragraph', text: t.pageNote },
      ...verification(lang, 'inquiry', verificationCode),
    ],
    footer: { kioskId: ctx.kioskId, printedAt: ctx.now, reference: verificationCode },
  };
}
