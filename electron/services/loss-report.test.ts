import { describe, expect, it } from 'vitest';
import type { CardActionResult, CardSummary, ChallengeCards } from '../../server/api-types';
import { idCheckCharacter } from '../domain/id-number';
import { silentLogger } from '../log';
import { err, ok, type Result } from '../result';
import { findPersonalData } from '../store/personal-data';
import { CancelLossService, type AuthenticatedCard } from './cancel-loss';
import {
  LossReportService,
  kioskReference,
  type LossCentralApi,
  type LossOutbox,
} from './loss-report';
import type { CentralFailure } from './session';

const ID = ((s: string) => `${s}${idCheckCharacter(s) ?? ''}`)('11010519850312123');
const NAME = '张伟';
const CARDS: ChallengeCards['cards'] = [
  { cardRef: 'ref-1', cardNumberMasked: 'A0*****23', status: 'active', bank: '中国工商银行' },
  { cardRef: 'ref-2', cardNumberMasked: 'A9*****11', status: 'cancelled', bank: '中国银行' },
];

/** A central service that answers as told; records what it was asked. */
function fakeCentral(opts: { code?: string; challenge?: Result<unknown, CentralFailure> } = {}) {
  const calls: string[] = [];
  let attempts = 0;
  const api: LossCentralApi = {
    createChallenge: (body) => {
      calls.push(`challenge:${body.name}`);
      if (opts.challenge && !opts.challenge.ok) return Promise.resolve(opts.challenge);
      return Promise.resolve(
        ok({ challengeId: `ch-${calls.length}`, sentTo: '138****5678', expiresAt: 'x' }),
      );
    },
    verifyChallenge: (_id, code) => {
      attempts += 1;
      calls.push(`verify:${code}`);
      if (attempts > 5)
        return Promise.resolve(
          err({ code: 'central_rejected', apiCode: 'challenge_locked', detail: '' }),
        );
      if (code !== (opts.code ?? '654321'))
        return Promise.resolve(
          err({ code: 'central_rejected', apiCode: 'code_invalid', detail: '' }),
        );
      return Promise.resolve(ok({ cards: CARDS }));
    },
    cancelLossReport: () => Promise.reject(new Error('not used here')),
  };
  return { api, calls };
}

type Delivery = 'acknowledged' | 'rejected' | 'never' | 'record_fails';

/** An outbox that settles each recorded operation as the test says. */
function fakeOutbox(delivery: Delivery) {
  const listeners = new Set<(e: { type: string; key?: string }) => void>();
  const records: { kind: string; payload: unknown; summary: unknown }[] = [];
  const states = new Map<
    string,
    { state: 'pending' | 'acknowledged' | 'rejected'; result: string | null; reason: string | null }
  >();
  const outbox: LossOutbox = {
    record: (kind, payload, summary) => {
      if (delivery === 'record_fails') return Promise.resolve(err({ kind: 'disk_full' }));
      const key = `00000000-0000-4000-8000-00000000000${records.length}`;
      records.push({ kind, payload, summary });
      states.set(key, { state: 'pending', result: null, reason: null });
      if (delivery !== 'never')
        setTimeout(() => {
          states.set(
            key,
            delivery === 'acknowledged'
              ? {
                  state: 'acknowledged',
                  result: JSON.stringify({
                    reference: 'GS20261130ABCDEF01',
                    validUntil: '2026-12-07T06:00:00.000Z',
                  }),
                  reason: null,
                }
              : { state: 'rejected', result: null, reason: 'pre_report_not_allowed: no' },
          );
          for (const l of listeners) l({ type: 'operation_delivered', key });
        }, 5);
      return Promise.resolve(ok({ key }));
    },
    deliveryState: (key) => states.get(key) ?? null,
    onEvent: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return { outbox, records };
}

function setup(
  opts: {
    delivery?: Delivery;
    central?: ReturnType<typeof fakeCentral> | null;
    now?: () => number;
    centralValidityDays?: () => number | null;
  } = {},
) {
  const central = opts.central === undefined ? fakeCentral() : opts.central;
  const box = fakeOutbox(opts.delivery ?? 'acknowledged');
  const audit: { action: string; details: Record<string, unknown> }[] = [];
  const counts: string[] = [];
  const service = new LossReportService({
    central: () => central?.api ?? null,
    outbox: () => box.outbox,
    audit: {
      audit: (action, details) => audit.push({ action, details }),
      count: (name) => counts.push(name),
    },
    logger: silentLogger(),
    settings: { deliveryWaitMs: 200, resendSeconds: 60, maxCodeAttempts: 5 },
    ...(opts.now ? { now: opts.now } : {}),
    ...(opts.centralValidityDays ? { centralValidityDays: opts.centralValidityDays } : {}),
  });
  return { service, central, box, audit, counts };
}

describe('loss pre-report service', () => {
  it('refuses an invalid ID number or name before anything is sent', async () => {
    const { service, central } = setup();
    const bad = `${ID.slice(0, 17)}${ID[17] === '0' ? '1' : '0'}`;
    expect(await service.start(bad, NAME)).toEqual(
      err({ code: 'invalid_id_number', reason: 'id_check_character' }),
    );
    expect(await service.start('99' + ID.slice(2), NAME)).toMatchObject({
      error: { code: 'invalid_id_number', reason: 'id_region' },
    });
    expect(await service.start(ID.slice(0, 10), NAME)).toMatchObject({
      error: { reason: 'id_length' },
    });
    expect(await service.start(ID, 'Zhang')).toEqual(err({ code: 'invalid_name' }));
    expect(central?.calls).toEqual([]);
  });

  it("states the central configuration's validity once known, the local setting before", async () => {
    let central: number | null = null;
    const { service } = setup({ delivery: 'never', centralValidityDays: () => central });
    expect(service.validityDays).toBe(7);
    central = 10;
    expect(service.validityDays).toBe(10);
    await service.start(ID, NAME);
    await service.verify('654321');
    const r = await service.submit('ref-1');
    expect(r.ok && r.value.outcome === 'recorded' && r.value.validityDays).toBe(10);
  });

  it('happy path: code, cards, submit → confirmed with the central reference', async () => {
    const { service, box, audit, counts } = setup();
    const sent = await service.start(ID.toLowerCase(), ` ${NAME} `);
    expect(sent).toEqual(ok({ sentTo: '138****5678', resendAfterSeconds: 60, expiresAt: 'x' }));
    const cards = await service.verify('654321');
    expect(cards.ok && cards.value.cards.map((c) => [c.cardRef, c.eligible])).toEqual([
      ['ref-1', true],
      ['ref-2', false],
    ]);
    expect(await service.submit('ref-2')).toEqual(err({ code: 'card_not_eligible' }));
    const r = await service.submit('ref-1');
    expect(r).toMatchObject({
      ok: true,
      value: {
        outcome: 'confirmed',
        reference: 'GS20261130ABCDEF01',
        validUntil: '2026-12-07T06:00:00.000Z',
        cardNumberMasked: 'A0*****23',
      },
    });
    expect(box.records).toHaveLength(1);
    expect(box.records[0]?.kind).toBe('loss_report');
    expect(box.records[0]?.payload).toMatchObject({
      challengeId: 'ch-1',
      code: '654321',
      cardRef: 'ref-1',
    });
    expect(box.records[0]?.summary).toEqual({ cardNumberMasked: 'A0*****23' });
    // A double tap does not record a second report.
    expect(await service.submit('ref-1')).toEqual(r);
    expect(box.records).toHaveLength(1);
    expect(counts).toEqual(['loss_report.challenge', 'loss_report']);
    expect(audit.map((a) => a.action)).toContain('loss_report.confirmed');
    // Audit details are masked: no full ID number, card or phone number anywhere.
    for (const a of audit) expect(findPersonalData(a.details)).toBeNull();
    expect(JSON.stringify(audit)).not.toContain(ID);
    expect(service.holder()).toEqual({ idNumber: ID, name: NAME });
    service.end();
    expect(service.holder()).toBeNull();
  });

  it('connection gone after the code: the report is recorded and the citizen gets the kiosk reference', async () => {
    const at = Date.UTC(2026, 10, 30, 6, 0, 0);
    const { service, box } = setup({ delivery: 'never', now: () => at });
    await service.start(ID, NAME);
    await service.verify('654321');
    const r = await service.submit('ref-1');
    expect(r).toEqual(
      ok({
        outcome: 'recorded',
        reference: kioskReference('00000000-0000-4000-8000-000000000000', new Date(at)),
        cardNumberMasked: 'A0*****23',
        recordedAt: new Date(at).toISOString(),
        validUntil: null,
        validityDays: 7,
      }),
    );
    expect(r.ok && r.value.reference).toBe('K2026113000000000');
    expect(box.records).toHaveLength(1);
  });

  it('a refusal by the central service is told as such (never "recorded")', async () => {
    const { service } = setup({ delivery: 'rejected' });
    await service.start(ID, NAME);
    await service.verify('654321');
    expect(await service.submit('ref-1')).toMatchObject({
      ok: true,
      value: { outcome: 'refused', reason: 'pre_report_not_allowed' },
    });
  });

  it('nothing written on this kiosk → not_recorded (nothing will happen)', async () => {
    const { service } = setup({ delivery: 'record_fails' });
    await service.start(ID, NAME);
    await service.verify('654321');
    expect(await service.submit('ref-1')).toEqual(err({ code: 'not_recorded' }));
  });

  it('wrong codes count down, then the kiosk locks out without asking the service again', async () => {
    const { service, central } = setup();
    await service.start(ID, NAME);
    for (let left = 4; left >= 1; left -= 1)
      expect(await service.verify('000000')).toEqual(
        err({ code: 'code_invalid', attemptsLeft: left }),
      );
    expect(await service.verify('000000')).toEqual(err({ code: 'locked_out' }));
    const asked = central?.calls.length;
    expect(await service.verify('654321')).toEqual(err({ code: 'locked_out' }));
    expect(central?.calls.length).toBe(asked);
    expect(await service.submit('ref-1')).toEqual(err({ code: 'no_flow' }));
  });

  it('resend only after the cool-down', async () => {
    let now = Date.UTC(2026, 10, 30);
    const { service, central } = setup({ now: () => now });
    await service.start(ID, NAME);
    now += 20_000;
    expect(await service.resend()).toEqual(err({ code: 'resend_too_soon', waitSeconds: 40 }));
    now += 40_000;
    expect((await service.resend()).ok).toBe(true);
    expect(central?.calls.filter((c) => c.startsWith('challenge'))).toHaveLength(2);
  });

  it('rate limits and other refusals are a neutral "try later"; no service → offline', async () => {
    const limited = setup({
      central: fakeCentral({
        challenge: err({ code: 'central_rejected', apiCode: 'rate_limited', detail: '' }),
      }),
    });
    expect(await limited.service.start(ID, NAME)).toEqual(err({ code: 'try_later' }));
    const down = setup({
      central: fakeCentral({ challenge: err({ code: 'central_unavailable', detail: 'refused' }) }),
    });
    expect(await down.service.start(ID, NAME)).toMatchObject({
      error: { code: 'central_unavailable' },
    });
    const none = setup({ central: null });
    expect(await none.service.start(ID, NAME)).toMatchObject({
      error: { code: 'central_unavailable' },
    });
  });
});

const PRE_REPORTED: CardSummary = {
  cardNumberMasked: 'D4*****9X',
  status: 'pre_reported_lost',
  specVersion: '2.00',
  bank: '中国银行',
  issueDate: '2020-04-15',
  expiryDate: '2030-04-15',
  preReportValidUntil: '2026-12-01T00:00:00.000Z',
  replacement: null,
};

function cancelSetup(card: CardSummary, answer: Result<CardActionResult, CentralFailure>[]) {
  const keys: string[] = [];
  const applied: CardSummary[] = [];
  let refreshed = 0;
  const auth: AuthenticatedCard = {
    sessionId: 's-1',
    token: 't',
    cardNumber: 'D4567890X',
    holder: { name: '刘洋', idNumber: ID },
    card,
  };
  const api: LossCentralApi = {
    createChallenge: () => Promise.reject(new Error('unused')),
    verifyChallenge: () => Promise.reject(new Error('unused')),
    cancelLossReport: (_s, _t, key) => {
      keys.push(key);
      return Promise.resolve(answer.shift() ?? err({ code: 'central_unavailable', detail: '' }));
    },
  };
  const audit: Record<string, unknown>[] = [];
  const service = new CancelLossService({
    session: { authenticatedCard: () => auth, applyCentralCard: (c) => applied.push(c) },
    central: () => api,
    refreshHotlist: () => {
      refreshed += 1;
      return Promise.resolve(ok(3));
    },
    audit: { audit: (_a, d) => audit.push(d), count: () => undefined },
    logger: silentLogger(),
  });
  return { service, keys, applied, refreshed: () => refreshed, audit };
}

describe('cancel pre-report service', () => {
  it('cancels online, applies the new status, refreshes the hotlist; a lost answer retries with the same key', async () => {
    const active: CardSummary = { ...PRE_REPORTED, status: 'active', preReportValidUntil: null };
    const c = cancelSetup(PRE_REPORTED, [
      err({ code: 'central_unavailable', detail: 'timeout' }),
      ok({ card: active, recordedAt: '2026-11-30T06:00:00.000Z' }),
    ]);
    expect(await c.service.cancel()).toMatchObject({ error: { code: 'central_unavailable' } });
    const r = await c.service.cancel();
    expect(r).toMatchObject({ ok: true, value: { cardNumberMasked: 'D4*****9X' } });
    expect(c.keys).toHaveLength(2);
    expect(c.keys[0]).toBe(c.keys[1]);
    expect(c.applied).toEqual([active]);
    expect(c.refreshed()).toBe(1);
    expect(c.service.lastOutcome('s-1')).toEqual(r.ok ? r.value : null);
    for (const d of c.audit) expect(findPersonalData(d)).toBeNull();
  });

  it('refuses when a replacement is in progress (known already, or said by the service)', async () => {
    const known = cancelSetup(
      { ...PRE_REPORTED, replacement: { stage: 'in_production', appliedAt: '2026-11-01' } },
      [],
    );
    expect(await known.service.cancel()).toEqual(err({ code: 'replacement_in_progress' }));
    expect(known.keys).toEqual([]);
    const told = cancelSetup(PRE_REPORTED, [
      err({ code: 'central_rejected', apiCode: 'replacement_in_progress', detail: '' }),
    ]);
    expect(await told.service.cancel()).toEqual(err({ code: 'replacement_in_progress' }));
    expect(told.applied).toEqual([]);
  });

  it('a card that is not pre-reported is not sent', async () => {
    const c = cancelSetup({ ...PRE_REPORTED, status: 'active' }, []);
    expect(await c.service.cancel()).toEqual(err({ code: 'not_pre_reported' }));
    expect(c.keys).toEqual([]);
  });
});
