/**
 * The contract's client in the renderer. Under Electron the preload exposes `window.kiosk`;
 * in a browser (web host) we speak the same contract over a WebSocket to 127.0.0.1 with the
 * per-launch token from the URL fragment. Either way, answers and events are validated against
 * the contract before the UI sees them.
 */
import {
  commands,
  parseEvent,
  ResponseMessageSchema,
  type CommandError,
  type CommandName,
  type CommandRequest,
  type CommandResult,
  type KioskApi,
  type KioskEvent,
} from '../../electron/contract';

interface PreloadBridge {
  invoke(command: string, payload: unknown): Promise<unknown>;
  subscribe(listener: (event: unknown) => void): () => void;
}

declare global {
  interface Window {
    kiosk?: PreloadBridge;
  }
}

const ANSWER_TIMEOUT_MS = 15_000;
/**
 * Printing waits for the job to leave the kiosk (CUPS job deadline 60 s by default) after the
 * central service's calls: its answer may legitimately take longer than a screen's.
 */
const LONG_ANSWER_MS: Partial<Record<CommandName, number>> = {
  'print.statement': 120_000,
  'print.page': 120_000,
  // Bounded on the main side by waits that add up close to the default: the delivery to the
  // central service (6 s for a PIN, 8 s for a loss report) and, for a PIN, the receipt (5 s).
  // Timing out here first would say "cannot tell" about a receipt that printed.
  'pin.confirm': 30_000,
  'loss.submit': 30_000,
};

function checkAnswer<C extends CommandName>(command: C, raw: unknown): CommandResult<C> {
  const parsed = ResponseMessageSchema.shape.result.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      error: { code: 'internal', message: 'The kiosk answered outside the contract.' },
    };
  }
  if (!parsed.data.ok) return parsed.data;
  const value = commands[command].response.safeParse(parsed.data.value);
  if (!value.success) {
    return {
      ok: false,
      error: { code: 'internal', message: 'The kiosk answered outside the contract.' },
    };
  }
  return { ok: true, value: value.data } as CommandResult<C>;
}

export interface ConnectedApi extends KioskApi {
  /** Called on every (re)connection, so the UI can fetch fresh state. */
  onConnectionChange(listener: (connected: boolean) => void): () => void;
}

function electronApi(bridge: PreloadBridge): ConnectedApi {
  return {
    invoke: async (command, payload) => {
      try {
        return checkAnswer(command, await bridge.invoke(command, payload));
      } catch {
        // ipcRenderer.invoke rejects only when the main side is gone or restarting.
        return {
          ok: false,
          error: { code: 'not_available', message: 'The connection to the kiosk was lost.' },
        };
      }
    },
    subscribe: (listener) =>
      bridge.subscribe((raw) => {
        const event = parseEvent(raw);
        if (event) listener(event);
      }),
    onConnectionChange: (listener) => {
      listener(true);
      return () => undefined;
    },
  };
}

function readToken(): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem('kiosk-token', fromHash);
    // Keep the token out of the address bar and of anything that reads location later.
    history.replaceState(null, '', window.location.pathname);
    return fromHash;
  }
  return sessionStorage.getItem('kiosk-token');
}

function webSocketApi(): ConnectedApi {
  const token = readToken() ?? '';
  const url = `${window.location.origin.replace(/^http/, 'ws')}/ws?token=${encodeURIComponent(token)}`;
  const listeners = new Set<(event: KioskEvent) => void>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  const pending = new Map<number, (raw: unknown) => void>();
  let socket: WebSocket | null = null;
  let nextId = 1;
  let retryMs = 250;
  let connected = false;
  let opened: Promise<void>;
  let markOpen: () => void = () => undefined;

  const setConnected = (value: boolean) => {
    if (connected === value) return;
    connected = value;
    for (const l of connectionListeners) l(value);
  };

  const resetOpened = () => {
    opened = new Promise<void>((r) => {
      markOpen = r;
    });
  };
  resetOpened();

  const open = () => {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      retryMs = 250;
      markOpen();
      setConnected(true);
    };
    ws.onmessage = (message) => {
      let data: unknown;
      try {
        data = JSON.parse(String(message.data));
      } catch {
        return;
      }
      const answer = ResponseMessageSchema.safeParse(data);
      if (answer.success && answer.data.id !== null) {
        pending.get(answer.data.id)?.(answer.data.result);
        pending.delete(answer.data.id);
        return;
      }
      const event = parseEvent(data);
      if (event) for (const l of listeners) l(event);
    };
    ws.onclose = () => {
      socket = null;
      resetOpened();
      setConnected(false);
      for (const resolve of pending.values()) {
        resolve({
          ok: false,
          error: { code: 'not_available', message: 'The connection to the kiosk was lost.' },
        });
      }
      pending.clear();
      // The web host may be restarting: come back without a page reload.
      window.setTimeout(open, retryMs);
      retryMs = Math.min(retryMs * 2, 5_000);
    };
  };
  open();

  return {
    async invoke(command, payload) {
      await opened;
      const id = nextId++;
      const raw = await new Promise<unknown>((resolve) => {
        const timer = window.setTimeout(() => {
          pending.delete(id);
          resolve({
            ok: false,
            error: { code: 'not_available', message: 'The kiosk did not answer in time.' },
          });
        }, LONG_ANSWER_MS[command] ?? ANSWER_TIMEOUT_MS);
        pending.set(id, (value) => {
          window.clearTimeout(timer);
          resolve(value);
        });
        socket?.send(JSON.stringify({ id, command, payload }));
      });
      return checkAnswer(command, raw);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      listener(connected);
      return () => connectionListeners.delete(listener);
    },
  };
}

let api: ConnectedApi | null = null;

type ErrorListener = (command: CommandName, error: CommandError) => void;
const errorListeners = new Set<ErrorListener>();

/**
 * Told of every error answer before the caller sees it: errors that concern the whole UI
 * (a function switched off at this site) are handled in one place (state/wire.ts).
 */
export function onCommandError(listener: ErrorListener): () => void {
  errorListeners.add(listener);
  return () => errorListeners.delete(listener);
}

function withErrorListeners(inner: ConnectedApi): ConnectedApi {
  return {
    ...inner,
    invoke: async (command, payload) => {
      const r = await inner.invoke(command, payload);
      if (!r.ok) for (const l of errorListeners) l(command, r.error);
      return r;
    },
  };
}

export function kioskApi(): ConnectedApi {
  api ??= withErrorListeners(window.kiosk ? electronApi(window.kiosk) : webSocketApi());
  return api;
}

export type { CommandName, CommandRequest };
