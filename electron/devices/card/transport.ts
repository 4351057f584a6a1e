import { err, ok, type Result } from '../../result';
import { encodeCommand, parseResponse, type CommandApdu, type ResponseApdu } from './apdu';
import type { CardChannel, CardIoError } from './reader-port';
import { statusMeaning } from './status-word';

export type TransportError =
  CardIoError | { readonly code: 'malformed_response'; readonly detail: string };

// A card that keeps asking for GET RESPONSE or a new Le is broken; stop rather than loop.
const MAX_CHAINED = 16;

/**
 * Sends one command and follows the transport rules of CARD.md: `61xx` → GET RESPONSE with
 * Le = xx (data concatenated), `6Cxx` → the same command again with Le = xx. Counts APDUs.
 */
export class ApduTransport {
  apdusSent = 0;
  constructor(private readonly channel: CardChannel) {}

  private async send(c: CommandApdu): Promise<Result<ResponseApdu, TransportError>> {
    this.apdusSent += 1;
    const raw = await this.channel.transmit(encodeCommand(c));
    if (!raw.ok) return raw;
    const parsed = parseResponse(raw.value);
    if (!parsed.ok) return err({ code: 'malformed_response', detail: parsed.error });
    return ok(parsed.value);
  }

  async exchange(command: CommandApdu): Promise<Result<ResponseApdu, TransportError>> {
    let c = command;
    const collected: Buffer[] = [];
    for (let i = 0; i < MAX_CHAINED; i += 1) {
      const r = await this.send(c);
      if (!r.ok) return r;
      const meaning = statusMeaning(r.value.sw);
      if (meaning.kind === 'wrong_le') {
        c = { ...c, le: meaning.exact };
        continue;
      }
      if (meaning.kind === 'more_data') {
        collected.push(r.value.data);
        c = { cla: 0x00, ins: 0xc0, p1: 0, p2: 0, le: meaning.available };
        continue;
      }
      collected.push(r.value.data);
      return ok({ data: Buffer.concat(collected), sw: r.value.sw });
    }
    return err({ code: 'malformed_response', detail: 'endless 61xx/6Cxx chain' });
  }
}
