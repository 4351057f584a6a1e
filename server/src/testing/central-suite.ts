import { createPublicKey, randomUUID, verify } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database';
import { generatedPersona } from '../demo/generator';
import { PERSONAS, type Persona, type PersonaCard } from '../demo/personas';
import { cardEvents } from '../services/cards';
import { queueCommand } from '../services/kiosks';
import { lastFullMonth } from '../start';
import {
  authenticatedSession,
  SEED_TIMEOUT_MS,
  errorCode,
  openSession,
  startFixture,
  TEST_CONFIG,
  type CentralFixture,
} from './fixture';
import type { KioskClient } from './kiosk-client';
import { cardAnswer, expectedExternalCryptogram } from './virtual-card-crypto';

function persona(key: string): Persona {
  const p = PERSONAS.find((x) => x.key === key);
  if (!p) throw new Error(`no persona ${key}`);
  return p;
}
function firstCard(p: Persona): PersonaCard {
  const c = p.cards[0];
  if (!c) throw new Error(`persona ${p.key} has no card`);
  return c;
}
const generatedCard = (i: number): PersonaCard =>
  firstCard(generatedPersona(i, lastFullMonth(Date.now())));
const key = (): string => `test-${randomUUID()}`;

async function smsCode(f: CentralFixture, challengeId: string): Promise<string> {
  const res = await fetch(`${f.central.url}/v1/dev/sms`);
  const body = (await res.json()) as { messages: { challengeId: string | null; text: string }[] };
  const m = body.messages.find((x) => x.challengeId === challengeId);
  const code = m?.text.match(/\d{6}/)?.[0];
  if (!code) throw new Error('no SMS for this challenge');
  return code;
}

async function challenge(kiosk: KioskClient, p: { idNumber: string; name: string }) {
  return kiosk.post('/v1/identity/challenges', { idNumber: p.idNumber, name: p.name });
}

async function cardIdOf(f: CentralFixture, cardNumber: string): Promise<number> {
  const rows = await f.central.ctx.db.query<{ id: number }>(
    'SELECT id FROM cards WHERE card_number = $1',
    [cardNumber],
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('card not seeded');
  return id;
}

/**
 * The behaviour of the reference central service, run on PGlite in the unit project and on a
 * real PostgreSQL server in the system project: the same SQL must behave the same.
 */
export function describeCentral(
  label: string,
  openDb: () => Promise<Database>,
  closeDb: (db: Database) => Promise<void>,
): void {
  describe(`central service on ${label}`, () => {
    let f: CentralFixture;
    let db: Database;
    beforeAll(async () => {
      db = await openDb();
      f = await startFixture(db, TEST_CONFIG);
    }, SEED_TIMEOUT_MS);
    afterAll(async () => {
      await f.close();
      await closeDb(db);
    });

    describe('documentation and enrolment', () => {
      it('serves the OpenAPI document and a docs page', async () => {
        const doc = await f.kiosk.get('/openapi.json', { unsigned: true });
        expect(doc.status).toBe(200);
        expect((doc.body as { openapi: string }).openapi).toBe('3.1.0');
        const page = await fetch(`${f.central.url}/docs`);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain('swagger');
      });

      it('accepts an enrolment code once only', async () => {
        const { createEnrolmentCode } = await import('../services/kiosk-auth');
        const { code } = await createEnrolmentCode(f.central.ctx);
        const first = await f.kiosk.post(
          '/v1/kiosks/enrol',
          { code, name: 'hall 1' },
          { unsigned: true },
        );
        expect(first.status).toBe(201);
        expect(first.body).toMatchObject({
          kioskId: expect.stringMatching(/^kiosk-/) as unknown,
          hotlistPublicKey: { keyId: expect.any(String) as unknown },
        });
        const again = await f.kiosk.post(
          '/v1/kiosks/enrol',
          { code, name: 'hall 1' },
          { unsigned: true },
        );
        expect(again.status).toBe(401);
        expect(errorCode(again.body)).toBe('enrolment_code_invalid');
      });
    });

    describe('request signatures', () => {
      it('accepts a signed request and rejects an unsigned one', async () => {
        expect((await f.kiosk.get('/v1/kiosks/config')).status).toBe(200);
        const res = await f.kiosk.get('/v1/kiosks/config', { unsigned: true });
        expect(res.status).toBe(401);
        expect(errorCode(res.body)).toBe('missing_signature');
      });

      it('rejects a wrong secret, a tampered body and a tampered query', async () => {
        const { KioskClient } = await import('./kiosk-client');
        const forged = new KioskClient(f.central.url, f.kiosk.kioskId, 'not-the-secret', () =>
          f.now(),
        );
        expect(errorCode((await forged.get('/v1/kiosks/config')).body)).toBe('bad_signature');
        const { signedHeaders } = await import('../signing');
        const body = JSON.stringify({ operations: [] });
        const headers = signedHeaders(
          { kioskId: f.kiosk.kioskId, secret: f.kiosk.secret },
          { method: 'POST', pathWithQuery: '/v1/operations', body },
          f.now(),
          randomUUID().replaceAll('-', ''),
        );
        const tampered = await fetch(`${f.central.url}/v1/operations`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ operations: [{}] }),
        });
        expect(tampered.status).toBe(401);
        const h2 = signedHeaders(
          { kioskId: f.kiosk.kioskId, secret: f.kiosk.secret },
          { method: 'GET', pathWithQuery: '/v1/hotlist?since=1', body: '' },
          f.now(),
          randomUUID().replaceAll('-', ''),
        );
        const moved = await fetch(`${f.central.url}/v1/hotlist?since=0`, { headers: h2 });
        expect(((await moved.json()) as { error: { code: string } }).error.code).toBe(
          'bad_signature',
        );
      });

      it('rejects a stale timestamp, a replayed nonce and an unknown kiosk', async () => {
        const { KioskClient } = await import('./kiosk-client');
        const late = new KioskClient(
          f.central.url,
          f.kiosk.kioskId,
          f.kiosk.secret,
          () => f.now() - 10 * 60_000,
        );
        expect(errorCode((await late.get('/v1/kiosks/config')).body)).toBe('stale_request');
        const { signedHeaders } = await import('../signing');
        const headers = signedHeaders(
          { kioskId: f.kiosk.kioskId, secret: f.kiosk.secret },
          { method: 'GET', pathWithQuery: '/v1/kiosks/config', body: '' },
          f.now(),
          'nonce-used-only-once-1',
        );
        expect((await fetch(`${f.central.url}/v1/kiosks/config`, { headers })).status).toBe(200);
        const replay = await fetch(`${f.central.url}/v1/kiosks/config`, { headers });
        expect(replay.status).toBe(401);
        expect(((await replay.json()) as { error: { code: string } }).error.code).toBe(
          'replayed_nonce',
        );
        const stranger = new KioskClient(f.central.url, 'kiosk-unknown', 'x', () => f.now());
        expect(errorCode((await stranger.get('/v1/kiosks/config')).body)).toBe('unknown_kiosk');
      });
    });

    describe('card sessions', () => {
      it('authenticates a genuine card and refuses a wrong cryptogram', async () => {
        const card = firstCard(persona('active-2'));
        const s = await openSession(f.kiosk, card);
        expect(s.challenge).toMatch(/^[0-9A-F]{32}$/);
        const wrong = await f.kiosk.post(`/v1/card-sessions/${s.sessionId}/authenticate`, {
          cardCryptogram: '0011223344556677',
          pinVerified: true,
        });
        expect(errorCode(wrong.body)).toBe('card_auth_failed');
        const right = await f.kiosk.post(`/v1/card-sessions/${s.sessionId}/authenticate`, {
          cardCryptogram: cardAnswer(card, s.challenge),
          pinVerified: true,
        });
        expect(right.status).toBe(200);
        expect(right.body).toMatchObject({
          token: expect.any(String) as unknown,
          card: { status: 'active', cardNumberMasked: 'A0*****65' },
        });
      });

      it('works for 3DES cards with the same 16-byte challenge', async () => {
        const card = firstCard(persona('blocked'));
        const s = await openSession(f.kiosk, card);
        expect(s.challenge).toMatch(/^[0-9A-F]{32}$/);
        const { token } = await authenticatedSession(f.kiosk, card);
        expect(token.length).toBeGreaterThan(20);
      });

      it('refuses an unknown card, a copied identification code, and a session of another kiosk', async () => {
        const card = firstCard(persona('active-2'));
        const base = {
          cardIdentificationCode: card.cardIdentificationCode,
          atr: '3B00',
          specVersion: '2.00',
          algorithm: card.algorithm,
        };
        expect(
          errorCode(
            (await f.kiosk.post('/v1/card-sessions', { ...base, cardNumber: 'Z99999990' })).body,
          ),
        ).toBe('card_not_found');
        const other = firstCard(persona('sealed-3'));
        const copied = await f.kiosk.post('/v1/card-sessions', {
          ...base,
          cardNumber: other.cardNumber,
          specVersion: '3.00',
        });
        expect(errorCode(copied.body)).toBe('card_mismatch');
        const { sessionId, token } = await authenticatedSession(f.kiosk, card);
        const second = await f.newKiosk();
        expect(
          errorCode((await second.get(`/v1/card-sessions/${sessionId}/person`, { token })).body),
        ).toBe('session_token_invalid');
        expect(errorCode((await f.kiosk.get(`/v1/card-sessions/${sessionId}/person`)).body)).toBe(
          'session_token_invalid',
        );
      });

      it('computes the EXTERNAL AUTHENTICATE cryptogram for a 3.00 card', async () => {
        const card = firstCard(persona('sealed-3'));
        const s = await openSession(f.kiosk, card);
        const res = await f.kiosk.post(`/v1/card-sessions/${s.sessionId}/external-auth`, {
          cardChallenge: '0102030405060708',
        });
        expect(res.body).toEqual({
          cryptogram: expectedExternalCryptogram(card, '0102030405060708'),
        });
      });

      it('expires sessions', async () => {
        const { sessionId, token } = await authenticatedSession(
          f.kiosk,
          firstCard(persona('expired')),
        );
        f.advance(11 * 60_000);
        expect(
          errorCode((await f.kiosk.get(`/v1/card-sessions/${sessionId}/card`, { token })).body),
        ).toBe('session_expired');
      });
    });

    describe('inquiry', () => {
      it('answers every inquiry for a 20-year contributor, masked', async () => {
        const p = persona('active-2');
        const { sessionId, token } = await authenticatedSession(f.kiosk, firstCard(p));
        const get = (path: string) =>
          f.kiosk.get(`/v1/card-sessions/${sessionId}/${path}`, { token });
        const person = await get('person');
        expect(person.body).toMatchObject({
          name: '张伟',
          idNumberMasked: '110105********1234',
          phoneMasked: '138****5678',
          sex: 'male',
        });
        expect(JSON.stringify(person.body)).not.toContain(p.idNumber);
        const ins = (await get('insurances')).body as { insurances: unknown[] };
        expect(ins.insurances).toHaveLength(5);
        const thisYear = new Date(f.now()).getUTCFullYear();
        const contrib = await get(`contributions?from=${thisYear - 20}&to=${thisYear - 1}`);
        const years = (
          contrib.body as {
            years: { totalFen: number; types: { type: string; months: { month: number }[] }[] }[];
          }
        ).years;
        expect(years).toHaveLength(20);
        for (const y of years) {
          expect(y.totalFen).toBeGreaterThan(0);
          expect(y.types.map((t) => t.type).sort()).toEqual([
            'endowment',
            'maternity',
            'medical',
            'unemployment',
            'work_injury',
          ]);
          for (const t of y.types)
            expect(t.months.map((m) => m.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
        }
        expect((await get('medical-account')).body).toMatchObject({
          balanceFen: expect.any(Number) as unknown,
        });
        const txs = (await get('medical-account/transactions?limit=5')).body as {
          transactions: unknown[];
        };
        expect(txs.transactions).toHaveLength(5);
        expect((await get('pension-account')).body).toMatchObject({
          monthsPaid: expect.any(Number) as unknown,
        });
        expect((await get('benefits')).status).toBe(200);
        expect((await get('card')).body).toMatchObject({ status: 'active', bank: '中国工商银行' });
        const retired = await authenticatedSession(f.kiosk, firstCard(persona('expired')));
        const pension = await f.kiosk.get(`/v1/card-sessions/${retired.sessionId}/benefits`, {
          token: retired.token,
        });
        expect(
          (pension.body as { benefits: { type: string }[] }).benefits.some(
            (b) => b.type === 'pension',
          ),
        ).toBe(true);
      });

      it('claims the nonce of a contributions inquiry in its read: a replay is refused', async () => {
        const { sessionId, token } = await authenticatedSession(
          f.kiosk,
          firstCard(persona('active-2')),
        );
        const { signedHeaders } = await import('../signing');
        const path = `/v1/card-sessions/${sessionId}/contributions?from=2010&to=2011`;
        const headers = {
          ...signedHeaders(
            { kioskId: f.kiosk.kioskId, secret: f.kiosk.secret },
            { method: 'GET', pathWithQuery: path, body: '' },
            f.now(),
            'contributions-nonce-once-1',
          ),
          'x-card-session': token,
        };
        const first = await fetch(`${f.central.url}${path}`, { headers });
        expect(first.status).toBe(200);
        expect(first.headers.get('content-type')).toMatch(/^application\/json/);
        expect(((await first.json()) as { years: unknown[] }).years).toHaveLength(2);
        const replay = await fetch(`${f.central.url}${path}`, { headers });
        expect(replay.status).toBe(401);
        expect(errorCode(await replay.json())).toBe('replayed_nonce');
        const empty = await f.kiosk.get(
          `/v1/card-sessions/${sessionId}/contributions?from=1981&to=1982`,
          { token },
        );
        expect(empty.body).toEqual({ fromYear: 1981, toYear: 1982, years: [] });
      });

      it('rejects bad query parameters and unknown body fields with validation_failed', async () => {
        const { sessionId, token } = await authenticatedSession(
          f.kiosk,
          firstCard(persona('active-2')),
        );
        const bad = await f.kiosk.get(
          `/v1/card-sessions/${sessionId}/contributions?from=abc&to=2020`,
          { token },
        );
        expect(bad.status).toBe(400);
        expect(errorCode(bad.body)).toBe('validation_failed');
        const extra = await f.kiosk.post('/v1/kiosks/heartbeat', {
          appVersion: '1',
          configVersion: 0,
          hotlistVersion: 0,
          outboxDepth: 0,
          devices: { cardReader: 'online', printer: 'online', paper: 'full' },
          pin: '123456',
        });
        expect(errorCode(extra.body)).toBe('validation_failed');
      });
    });

    describe('statements', () => {
      it('issues a statement anyone can verify', async () => {
        const { token } = await authenticatedSession(f.kiosk, firstCard(persona('active-2')));
        const issued = await f.kiosk.post(
          '/v1/statements',
          { kind: 'contributions', fromYear: 2020, toYear: 2022 },
          { token },
        );
        expect(issued.status).toBe(201);
        const code = (issued.body as { code: string }).code;
        const check = await fetch(`${f.central.url}/v1/statements/${code}`);
        expect(await check.json()).toMatchObject({
          valid: true,
          kind: 'contributions',
          nameMasked: '*伟',
        });
        const unknown = await fetch(`${f.central.url}/v1/statements/AAAA-BBBB-CCCC-DDDD`);
        expect(unknown.status).toBe(404);
      });
    });

    describe('card status machine through the API', () => {
      it('activates a sealed card once; a repeat returns the first result; a new request is refused', async () => {
        const card = generatedCard(1); // sealed
        const { sessionId, token } = await authenticatedSession(f.kiosk, card);
        const k = key();
        const first = await f.kiosk.post(
          `/v1/card-sessions/${sessionId}/activation`,
          { idempotencyKey: k },
          { token },
        );
        expect(first.status).toBe(200);
        expect(first.body).toMatchObject({ card: { status: 'active' } });
        const repeat = await f.kiosk.post(
          `/v1/card-sessions/${sessionId}/activation`,
          { idempotencyKey: k },
          { token },
        );
        expect(repeat).toEqual(first);
        const again = await f.kiosk.post(
          `/v1/card-sessions/${sessionId}/activation`,
          { idempotencyKey: key() },
          { token },
        );
        expect(again.status).toBe(409);
        expect(errorCode(again.body)).toBe('activation_not_allowed');
        const events = await cardEvents(db, await cardIdOf(f, card.cardNumber));
        expect(events.filter((e) => e.to_status === 'active')).toEqual([
          expect.objectContaining({ from_status: 'sealed', kiosk_id: f.kiosk.kioskId }),
        ]);
      });

      it('refuses activation from every status but sealed, and cancel from every status but pre-reported', async () => {
        const byStatus = new Map<string, PersonaCard>();
        for (let i = 0; i < 16; i += 1)
          byStatus.set(
            generatedCard(i).status,
            byStatus.get(generatedCard(i).status) ?? generatedCard(i),
          );
        for (const [status, card] of byStatus) {
          if (status === 'sealed' || status === 'pre_reported_lost') continue;
          const res = await f.kiosk.post('/v1/operations', {
            operations: [
              {
                idempotencyKey: key(),
                type: 'activation',
                cardNumber: card.cardNumber,
                occurredAt: new Date(f.now()).toISOString(),
              },
              {
                idempotencyKey: key(),
                type: 'loss_report_cancel',
                cardNumber: card.cardNumber,
                occurredAt: new Date(f.now()).toISOString(),
              },
            ],
          });
          const results = (res.body as { results: { outcome: string; error?: unknown }[] }).results;
          expect(results.map((r) => [status, r.outcome, errorCode(r.error)])).toEqual([
            [status, 'rejected', 'activation_not_allowed'],
            [status, 'rejected', 'cancel_not_allowed'],
          ]);
        }
      });

      it('records a PIN change against the card without changing its status', async () => {
        const card = firstCard(persona('blocked'));
        const { sessionId, token } = await authenticatedSession(f.kiosk, card);
        const res = await f.kiosk.post(
          `/v1/card-sessions/${sessionId}/pin-changed`,
          { idempotencyKey: key() },
          { token },
        );
        expect(res.body).toMatchObject({ card: { status: 'active' } });
        const events = await cardEvents(db, await cardIdOf(f, card.cardNumber));
        expect(events.at(-1)).toMatchObject({
          from_status: 'active',
          to_status: 'active',
          reason: 'PIN changed at kiosk',
          kiosk_id: f.kiosk.kioskId,
        });
      });

      it('delivers a queued loss report through the operations batch, once', async () => {
        const p = generatedPersona(2, lastFullMonth(f.now())); // an active card
        const ch = (await challenge(f.kiosk, p)).body as { challengeId: string };
        const code = await smsCode(f, ch.challengeId);
        const cards = (
          (await f.kiosk.post(`/v1/identity/challenges/${ch.challengeId}/verify`, { code }))
            .body as { cards: { cardRef: string }[] }
        ).cards;
        const op = {
          idempotencyKey: key(),
          type: 'loss_report',
          challengeId: ch.challengeId,
          code,
          cardRef: cards[0]?.cardRef ?? '',
          occurredAt: new Date(f.now()).toISOString(),
        };
        const first = await f.kiosk.post('/v1/operations', { operations: [op] });
        expect(first.body).toMatchObject({
          results: [{ outcome: 'applied', status: 201, result: { status: 'pre_reported_lost' } }],
        });
        expect(await f.kiosk.post('/v1/operations', { operations: [op] })).toEqual(first);
      });

      it('accepts a verified challenge report after the code expired (kiosk outbox after an outage), within reportHours', async () => {
        const verified = async (i: number, wrong: number) => {
          const p = generatedPersona(i, lastFullMonth(f.now()));
          const ch = (await challenge(f.kiosk, p)).body as { challengeId: string };
          const code = await smsCode(f, ch.challengeId);
          for (let n = 0; n < wrong; n += 1)
            await f.kiosk.post(`/v1/identity/challenges/${ch.challengeId}/verify`, {
              code: code === '000000' ? '111111' : '000000',
            });
          const cards = (
            (await f.kiosk.post(`/v1/identity/challenges/${ch.challengeId}/verify`, { code }))
              .body as { cards: { cardRef: string }[] }
          ).cards;
          return {
            idempotencyKey: key(),
            type: 'loss_report',
            challengeId: ch.challengeId,
            code,
            cardRef: cards[0]?.cardRef ?? '',
            occurredAt: new Date(f.now()).toISOString(),
          };
        };
        // Four wrong codes, then the right one: the attempts are used up, the report still goes.
        const late = await verified(6, 4); // active cards
        const stale = await verified(8, 0);
        f.advance(10 * 60_000); // past the code's 5 minutes
        const first = await f.kiosk.post('/v1/operations', { operations: [late] });
        expect(first.body).toMatchObject({
          results: [{ outcome: 'applied', result: { status: 'pre_reported_lost' } }],
        });
        f.advance(72 * 3_600_000); // past reportHours since the verification
        const gone = await f.kiosk.post('/v1/operations', { operations: [stale] });
        expect(gone.body).toMatchObject({
          results: [{ outcome: 'rejected', error: { error: { code: 'code_expired' } } }],
        });
      });

      it('refuses to cancel a pre-report once a replacement has been applied for', async () => {
        const { sessionId, token } = await authenticatedSession(
          f.kiosk,
          firstCard(persona('replacement')),
        );
        const res = await f.kiosk.post(
          `/v1/card-sessions/${sessionId}/loss-report/cancel`,
          { idempotencyKey: key() },
          { token },
        );
        expect(res.status).toBe(409);
        expect(errorCode(res.body)).toBe('replacement_in_progress');
      });

      it('applies concurrent repeats of one operation exactly once', async () => {
        const card = generatedCard(9); // sealed
        const op = {
          idempotencyKey: key(),
          type: 'activation',
          cardNumber: card.cardNumber,
          occurredAt: new Date(f.now()).toISOString(),
        };
        const replies = await Promise.all(
          Array.from({ length: 8 }, () => f.kiosk.post('/v1/operations', { operations: [op] })),
        );
        // Deep equality: a stored reply comes back from jsonb with its keys reordered.
        for (const r of replies) expect(r).toEqual(replies[0]);
        expect((replies[0]?.body as { results: { outcome: string }[] }).results[0]?.outcome).toBe(
          'applied',
        );
        const events = await cardEvents(db, await cardIdOf(f, card.cardNumber));
        expect(events.filter((e) => e.to_status === 'active')).toHaveLength(1);
        const reused = await f.kiosk.post('/v1/operations', {
          operations: [{ ...op, type: 'pin_changed' }],
        });
        expect(
          errorCode((reused.body as { results: { error: unknown }[] }).results[0]?.error),
        ).toBe('idempotency_key_reused');
      });

      it('lets a pre-report lapse after its validity and takes the card off the hotlist', async () => {
        const card = firstCard(persona('reported-lost'));
        const before = (await f.kiosk.get('/v1/hotlist')).body as { payload: string };
        expect((JSON.parse(before.payload) as { cards: string[] }).cards).toContain(
          card.cardNumber,
        );
        f.advance(6 * 86_400_000);
        const s = await openSession(f.kiosk, card);
        expect(s.status).toBe('active');
        const events = await cardEvents(db, await cardIdOf(f, card.cardNumber));
        expect(events.at(-1)).toMatchObject({
          from_status: 'pre_reported_lost',
          to_status: 'active',
          kiosk_id: null,
        });
        const after = (await f.kiosk.get('/v1/hotlist')).body as { payload: string };
        expect((JSON.parse(after.payload) as { cards: string[] }).cards).not.toContain(
          card.cardNumber,
        );
      });
    });

    describe('loss pre-reporting', () => {
      it('pre-reports with a one-time code, updates the hotlist delta, and cancels with card + PIN', async () => {
        const p = persona('name-extension');
        const card = firstCard(p);
        const version = JSON.parse(
          ((await f.kiosk.get('/v1/hotlist')).body as { payload: string }).payload,
        ) as { toVersion: number };
        const ch = await challenge(f.kiosk, p);
        expect(ch.status).toBe(201);
        expect(ch.body).toMatchObject({ sentTo: '138****5675' });
        const challengeId = (ch.body as { challengeId: string }).challengeId;
        const code = await smsCode(f, challengeId);
        const verified = await f.kiosk.post(`/v1/identity/challenges/${challengeId}/verify`, {
          code,
        });
        const cards = (verified.body as { cards: { cardRef: string; cardNumberMasked: string }[] })
          .cards;
        expect(cards).toEqual([
          expect.objectContaining({ cardNumberMasked: 'F6*****23', status: 'active' }),
        ]);
        const k = key();
        const report = await f.kiosk.post('/v1/loss-reports', {
          idempotencyKey: k,
          challengeId,
          code,
          cardRef: cards[0]?.cardRef,
        });
        expect(report.status).toBe(201);
        const validUntil = Date.parse((report.body as { validUntil: string }).validUntil);
        expect(Math.round((validUntil - f.now()) / 86_400_000)).toBe(7);
        expect(
          await f.kiosk.post('/v1/loss-reports', {
            idempotencyKey: k,
            challengeId,
            code,
            cardRef: cards[0]?.cardRef,
          }),
        ).toEqual(report);
        const delta = JSON.parse(
          (
            (await f.kiosk.get(`/v1/hotlist?since=${version.toVersion}`)).body as {
              payload: string;
            }
          ).payload,
        ) as { kind: string; added: string[] };
        expect(delta).toMatchObject({ kind: 'delta', added: [card.cardNumber] });
        const { sessionId, token } = await authenticatedSession(f.kiosk, card);
        const cancel = await f.kiosk.post(
          `/v1/card-sessions/${sessionId}/loss-report/cancel`,
          { idempotencyKey: key() },
          { token },
        );
        expect(cancel.body).toMatchObject({
          card: { status: 'active', preReportValidUntil: null },
        });
        const delta2 = JSON.parse(
          (
            (await f.kiosk.get(`/v1/hotlist?since=${version.toVersion}`)).body as {
              payload: string;
            }
          ).payload,
        ) as { removed: string[]; added: string[] };
        expect(delta2.added).not.toContain(card.cardNumber);
        expect(delta2.removed).toContain(card.cardNumber);
      });

      it('refuses a pre-report from a status other than active or sealed', async () => {
        const p = persona('formally-lost');
        const ch = await challenge(f.kiosk, p);
        const challengeId = (ch.body as { challengeId: string }).challengeId;
        const code = await smsCode(f, challengeId);
        const cards = (
          (await f.kiosk.post(`/v1/identity/challenges/${challengeId}/verify`, { code })).body as {
            cards: { cardRef: string; status: string }[];
          }
        ).cards;
        for (const c of cards) {
          const res = await f.kiosk.post('/v1/loss-reports', {
            idempotencyKey: key(),
            challengeId,
            code,
            cardRef: c.cardRef,
          });
          expect([c.status, errorCode(res.body)]).toEqual([c.status, 'pre_report_not_allowed']);
        }
      });

      it('answers the same way for someone who does not exist', async () => {
        const res = await challenge(f.kiosk, {
          idNumber: '11010519800101001X'.slice(0, 17) + '7',
          name: '不存在',
        });
        const fake = await challenge(f.kiosk, {
          idNumber: persona('active-2').idNumber,
          name: '错名字',
        });
        for (const r of [res, fake]) {
          if (r.status === 400) continue; // a check-character error says nothing about existence
          expect(r.status).toBe(201);
          expect(Object.keys(r.body as object).sort()).toEqual([
            'challengeId',
            'expiresAt',
            'sentTo',
          ]);
          expect((r.body as { sentTo: string }).sentTo).toMatch(/^1\d{2}\*{4}\d{4}$/);
          const v = await f.kiosk.post(
            `/v1/identity/challenges/${(r.body as { challengeId: string }).challengeId}/verify`,
            { code: '123456' },
          );
          expect(errorCode(v.body)).toBe('code_invalid');
        }
        expect(fake.status).toBe(201);
      });

      it('expires codes and locks a challenge after too many attempts', async () => {
        const kiosk = await f.newKiosk();
        const p = persona('sealed-3');
        const a = (await challenge(kiosk, p)).body as { challengeId: string };
        for (let i = 0; i < 5; i += 1) {
          expect(
            errorCode(
              (
                await kiosk.post(`/v1/identity/challenges/${a.challengeId}/verify`, {
                  code: '000000',
                })
              ).body,
            ),
          ).toBe('code_invalid');
        }
        const code = await smsCode(f, a.challengeId);
        expect(
          errorCode(
            (await kiosk.post(`/v1/identity/challenges/${a.challengeId}/verify`, { code })).body,
          ),
        ).toBe('challenge_locked');
        const b = (await challenge(kiosk, p)).body as { challengeId: string };
        f.advance(301_000);
        const late = await kiosk.post(`/v1/identity/challenges/${b.challengeId}/verify`, {
          code: await smsCode(f, b.challengeId),
        });
        expect(errorCode(late.body)).toBe('code_expired');
      });

      it('rate-limits per ID number and per kiosk', async () => {
        f.advance(3_600_000); // a fresh hour window
        const kiosk = await f.newKiosk();
        const p = persona('expired');
        const statuses: number[] = [];
        for (let i = 0; i < 6; i += 1) statuses.push((await challenge(kiosk, p)).status);
        expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
        const limited = await challenge(kiosk, p);
        expect(errorCode(limited.body)).toBe('rate_limited');
        expect(
          (limited.body as { error: { retryAfterSeconds: number } }).error.retryAfterSeconds,
        ).toBeGreaterThan(0);
        const other = await f.newKiosk();
        const results: number[] = [];
        for (let i = 0; i < 41; i += 1) {
          results.push(
            (await challenge(other, generatedPersona(100 + i, lastFullMonth(f.now())))).status,
          );
        }
        expect(results.slice(0, 40).every((s) => s === 201)).toBe(true);
        expect(results[40]).toBe(429);
      });
    });

    describe('hotlist, heartbeat, configuration', () => {
      it('signs the hotlist with the key from the kiosk configuration', async () => {
        const cfg = (await f.kiosk.get('/v1/kiosks/config')).body as {
          hotlistPublicKey: { publicKeyPem: string };
        };
        const res = (await f.kiosk.get('/v1/hotlist')).body as {
          payload: string;
          signature: string;
        };
        const key = createPublicKey(cfg.hotlistPublicKey.publicKeyPem);
        expect(
          verify(null, Buffer.from(res.payload), key, Buffer.from(res.signature, 'base64')),
        ).toBe(true);
        expect(
          verify(null, Buffer.from(`${res.payload} `), key, Buffer.from(res.signature, 'base64')),
        ).toBe(false);
        const snap = JSON.parse(res.payload) as { kind: string; cards: string[] };
        expect(snap.kind).toBe('snapshot');
        expect(snap.cards).toContain(firstCard(persona('formally-lost')).cardNumber);
        expect(snap.cards).not.toContain(firstCard(persona('active-2')).cardNumber);
      });

      it('hands queued commands to the kiosk once, on its heartbeat', async () => {
        await queueCommand(f.central.ctx, f.kiosk.kioskId, 'out_of_service', '系统维护');
        const beat = {
          appVersion: '0.1.0',
          configVersion: 1,
          hotlistVersion: 0,
          outboxDepth: 2,
          devices: { cardReader: 'online', printer: 'online', paper: 'low' },
          counters: { inquiry: 3 },
        };
        const first = await f.kiosk.post('/v1/kiosks/heartbeat', beat);
        expect(first.body).toMatchObject({
          configVersion: 1,
          commands: [{ type: 'out_of_service', message: '系统维护' }],
        });
        const second = await f.kiosk.post('/v1/kiosks/heartbeat', beat);
        expect((second.body as { commands: unknown[] }).commands).toEqual([]);
      });

      it('answers a snapshot when the kiosk is too far behind or ahead', async () => {
        const current = JSON.parse(
          ((await f.kiosk.get('/v1/hotlist?since=0')).body as { payload: string }).payload,
        ) as { kind: string; toVersion: number };
        const ahead = JSON.parse(
          (
            (await f.kiosk.get(`/v1/hotlist?since=${current.toVersion + 5}`)).body as {
              payload: string;
            }
          ).payload,
        ) as { kind: string };
        expect(ahead.kind).toBe('snapshot');
        const upToDate = JSON.parse(
          (
            (await f.kiosk.get(`/v1/hotlist?since=${current.toVersion}`)).body as {
              payload: string;
            }
          ).payload,
        ) as { kind: string; added: string[]; removed: string[] };
        expect(upToDate).toMatchObject({ kind: 'delta', added: [], removed: [] });
      });

      it('refuses every call of a disabled kiosk', async () => {
        const { setKioskDisabled } = await import('../services/kiosks');
        const kiosk = await f.newKiosk();
        expect(await setKioskDisabled(f.central.ctx, kiosk.kioskId, true)).toBe(true);
        const res = await kiosk.get('/v1/kiosks/config');
        expect(res.status).toBe(403);
        expect(errorCode(res.body)).toBe('kiosk_disabled');
        await setKioskDisabled(f.central.ctx, kiosk.kioskId, false);
        expect((await kiosk.get('/v1/kiosks/config')).status).toBe(200);
      });

      it('answers unknown routes with the error shape', async () => {
        const res = await f.kiosk.get('/v1/nothing-here');
        expect(res).toEqual({
          status: 404,
          body: { error: { code: 'not_found', message: 'not found' } },
        });
      });
    });
  });
}
