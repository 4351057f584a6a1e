/**
 * The boundary of the main side: every message from the renderer, whatever its transport,
 * goes through `dispatch`. It is parsed against the contract before any handler runs; the
 * answer is always a ResponseMessage, never an exception, so a malformed or hostile message
 * cannot take the kiosk down.
 */
import type { z } from 'zod';
import {
  CommandMessage,
  commands,
  isCommandName,
  type CommandError,
  type CommandName,
  type CommandResult,
  type ResponseMessage,
} from './contract';
import type { Logger } from './log';
import { err } from './result';

export type CommandHandlers = {
  [C in CommandName]: (
    request: z.infer<(typeof commands)[C]['request']>,
  ) => CommandResult<C> | Promise<CommandResult<C>>;
};

const fail = (id: number | null, error: CommandError): ResponseMessage => ({
  id,
  result: err(error),
});

function issuePaths(error: z.ZodError): string[] {
  return [...new Set(error.issues.map((i) => (i.path.length ? i.path.join('.') : '(root)')))];
}

export function createDispatcher(handlers: CommandHandlers, log: Logger) {
  return async function dispatch(raw: unknown): Promise<ResponseMessage> {
    const envelope = CommandMessage.safeParse(raw);
    if (!envelope.success) {
      const id =
        typeof raw === 'object' && raw !== null && 'id' in raw && Number.isSafeInteger(raw.id)
          ? (raw.id as number)
          : null;
      log.warn({ fields: issuePaths(envelope.error) }, 'malformed contract message');
      return fail(id, {
        code: 'bad_request',
        message: 'The message is not a valid command envelope.',
        fields: issuePaths(envelope.error),
      });
    }
    const { id, command, payload } = envelope.data;
    if (!isCommandName(command)) {
      log.warn({ command: command.slice(0, 64) }, 'unknown command');
      return fail(id, { code: 'unknown_command', message: `There is no command "${command}".` });
    }
    const request = commands[command].request.safeParse(payload ?? {});
    if (!request.success) {
      log.warn({ command, fields: issuePaths(request.error) }, 'invalid command payload');
      return fail(id, {
        code: 'bad_request',
        message: `The payload of "${command}" is not valid.`,
        fields: issuePaths(request.error),
      });
    }
    try {
      // The handler map is keyed by the same name as the schema that parsed the request.
      const handler = handlers[command] as (req: unknown) => Promise<CommandResult<CommandName>>;
      const result = await handler(request.data);
      if (result.ok) {
        const checked = commands[command].response.safeParse(result.value);
        if (!checked.success) {
          log.error(
            { command, fields: issuePaths(checked.error) },
            'handler answered outside the contract',
          );
          return fail(id, {
            code: 'internal',
            message: 'The kiosk could not complete this request.',
          });
        }
        return { id, result: { ok: true, value: checked.data } };
      }
      return { id, result };
    } catch (e) {
      // A bug, not an expected failure: log it and keep serving.
      log.error({ command, err: e }, 'command handler threw');
      return fail(id, { code: 'internal', message: 'The kiosk could not complete this request.' });
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
