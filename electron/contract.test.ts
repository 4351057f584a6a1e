import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
/**
 * The contract at the boundary: every command's request schema turns malformed input away,
 * and the dispatcher answers every bad message with a typed error instead of throwing.
 */
import { describe, expect, it } from 'vitest';
import { createKioskApp } from './app';
import { ConfigSchema } from './config';
import {
  commandNames,
  commands,
  CommandError,
  parseEvent,
  type CommandName,
  type ResponseMessage,
} from './contract';
import { createDispatcher, type CommandHandlers } from './dispatcher';
import { silentLogger } from './log';
import { ok } from './result';
import { ATTENDANT_EXAMPLES } from './services/attendant/contract-examples';

/** Payloads that are wrong for every command, whatever its fields. */
const malformedForAll: [string, unknown][] = [
  ['null', null],
  ['a string', 'app.info'],
  ['a number', 42],
  ['an array', [{}]],
  ['true', true],
  ['an unknown field', { __unknown_field__: 1 }],
];

/** Payloads wrong for one command in particular (right shape, wrong values). */
const malformedFor: Partial<Record<CommandName, unknown[]>> = {
  'prefs.set': [
    { language: 'fr' },
    { language: 'ZH-cn' },
    { largeText: 'yes' },
    { largeText: 1 },
    { language: 'en', extra: true },
  ],
  'card.verifyPin': [{}, { pin: '12345' }, { pin: '1234567' }, { pin: 123456 }, { pin: '12a456' }],
  'demo.insertCard': [
    {},
    { cardId: '' },
    { cardId: 7 },
    { cardId: 'x'.repeat(65) },
    { cardId: null },
    { cardId: 'active', reader: 'x' },
  ],
  'print.statement': [
    { fromYear: 2024, toYear: 2023 },
    { fromYear: 2019, toYear: 2024 },
    { fromYear: 2024 },
    { fromYear: '2024', toYear: 2024 },
    { fromYear: 2024, toYear: 2024, amount: 1 },
  ],
  'print.page': [{}, { page: 'contributions' }, { page: 'person', rows: [] }],
};

/**
 * A valid request for each command whose request has required fields (the others take {}).
 * A new command with required fields needs its example here.
 */
const validFor: Partial<Record<CommandName, unknown>> = {
  ...ATTENDANT_EXAMPLES,
  'prefs.set': { language: 'en', largeText: true },
  'demo.insertCard': { cardId: 'active' },
  'card.verifyPin': { pin: '123456' },
  'session.verifyPin': { pin: '123456' },
  'session.inquiry': { kind: 'contributions', fromYear: 2020, toYear: 2024 },
  'print.statement': { fromYear: 2020, toYear: 2024 },
  'print.page': { page: 'pension' },
  'pin.verifyCurrent': { purpose: 'activation', pin: '123456' },
  'pin.checkNew': { oldPin: '123456', newPin: '258036' },
  'pin.change': { purpose: 'change', oldPin: '123456', newPin: '258036' },
  'pin.recheck': { which: 'new', pin: '258036' },
  'pin.confirm': { reference: 'JH0123456789AB' },
  'loss.start': { idNumber: '11010519850312123X', name: '张伟' },
  'loss.verify': { code: '123456' },
  'loss.submit': { cardRef: 'abc' },
};

describe('command request schemas', () => {
  it.each(commandNames)('%s accepts a valid request', (name) => {
    expect(commands[name].request.safeParse(validFor[name] ?? {}).success).toBe(true);
  });

  it.each(commandNames)('%s rejects malformed input', (name) => {
    const bad = [...malformedForAll.map(([, v]) => v), ...(malformedFor[name] ?? [])];
    for (const payload of bad) {
      expect(commands[name].request.safeParse(payload).success, JSON.stringify(payload)).toBe(
        false,
      );
    }
  });
});

function app() {
  return createKioskApp(
    ConfigSchema.parse({
      dataDir: mkdtempSync(join(tmpdir(), 'contract-')),
      central: { mode: 'off' },
    }),
    { host: 'web', log: silentLogger() },
  );
}

function errorOf(answer: ResponseMessage): CommandError {
  if (answer.result.ok) throw new Error(`expected an error, got ${JSON.stringify(answer)}`);
  // Every error answered at the boundary is itself inside the contract.
  return CommandError.parse(answer.result.error);
}

describe('dispatcher', () => {
  it('answers an unknown command with a typed unknown_command error and its id', async () => {
    const answer = await app().dispatch({ id: 5, command: 'card.format', payload: {} });
    expect(answer.id).toBe(5);
    expect(errorOf(answer).code).toBe('unknown_command');
  });

  it('does not treat inherited object keys as commands', async () => {
    for (const command of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const answer = await app().dispatch({ id: 1, command, payload: {} });
      expect(errorOf(answer).code, command).toBe('unknown_command');
    }
  });

  it.each([
    ['not an object', 'hello', null],
    ['null', null, null],
    ['no id', { command: 'app.info', payload: {} }, null],
    // An id that is an integer but not a valid one is still echoed, so a client can match it.
    ['negative id', { id: -1, command: 'app.info', payload: {} }, -1],
    ['fractional id', { id: 1.5, command: 'app.info', payload: {} }, null],
    ['command not a string', { id: 3, command: 7, payload: {} }, 3],
    ['command too long', { id: 4, command: 'x'.repeat(65), payload: {} }, 4],
    ['an extra field', { id: 6, command: 'app.info', payload: {}, admin: true }, 6],
  ])('answers a malformed envelope (%s) with bad_request', async (_name, raw, id) => {
    const answer = await app().dispatch(raw);
    expect(answer.id).toBe(id);
    expect(errorOf(answer).code).toBe('bad_request');
  });

  it('answers an invalid payload with bad_request naming the fields, never the values', async () => {
    const answer = await app().dispatch({
      id: 9,
      command: 'prefs.set',
      payload: { language: 'secret-value-123' },
    });
    const error = errorOf(answer);
    expect(error.code).toBe('bad_request');
    expect(error.fields).toEqual(['language']);
    expect(JSON.stringify(answer)).not.toContain('secret-value-123');
  });

  it('requires the payload field, and reads a null payload as an empty request', async () => {
    const missing = await app().dispatch({ id: 2, command: 'prefs.get' });
    expect(errorOf(missing)).toMatchObject({ code: 'bad_request', fields: ['payload'] });
    const nullPayload = await app().dispatch({ id: 3, command: 'prefs.get', payload: null });
    expect(nullPayload.result).toEqual({
      ok: true,
      value: { language: 'zh-CN', largeText: false },
    });
  });

  it('keeps working after bad messages', async () => {
    const kiosk = app();
    await kiosk.dispatch('junk');
    await kiosk.dispatch({ id: 1, command: 'nope', payload: {} });
    const answer = await kiosk.dispatch({
      id: 2,
      command: 'prefs.set',
      payload: { largeText: true },
    });
    expect(answer).toEqual({
      id: 2,
      result: { ok: true, value: { language: 'zh-CN', largeText: true } },
    });
  });

  function handlers(impl: () => unknown): CommandHandlers {
    return Object.fromEntries(commandNames.map((n) => [n, impl])) as unknown as CommandHandlers;
  }

  it('turns a handler that throws into an internal error (a bug, not a crash)', async () => {
    const dispatch = createDispatcher(
      handlers(() => {
        throw new Error('boom');
      }),
      silentLogger(),
    );
    const answer = await dispatch({ id: 1, command: 'app.info', payload: {} });
    expect(errorOf(answer).code).toBe('internal');
    expect(JSON.stringify(answer)).not.toContain('boom');
  });

  it('refuses to pass on an answer outside the contract', async () => {
    const dispatch = createDispatcher(
      handlers(() => ok({ language: 'klingon' })),
      silentLogger(),
    );
    const answer = await dispatch({ id: 1, command: 'prefs.get', payload: {} });
    expect(errorOf(answer).code).toBe('internal');
  });
});

describe('events', () => {
  it('parses events that match the contract and drops the rest', () => {
    expect(parseEvent({ event: 'card.inserted', payload: { reader: 'r', atr: '3B8F' } })).toEqual({
      event: 'card.inserted',
      payload: { reader: 'r', atr: '3B8F' },
    });
    expect(parseEvent({ event: 'card.inserted', payload: { reader: 'r', atr: 'xyz' } })).toBeNull();
    expect(parseEvent({ event: 'card.exploded', payload: {} })).toBeNull();
    expect(parseEvent({ event: 'toString', payload: {} })).toBeNull();
    expect(parseEvent('card.removed')).toBeNull();
    expect(parseEvent(null)).toBeNull();
  });
});
