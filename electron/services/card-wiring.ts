import type { ReaderStatus as ContractReaderStatus } from '../contract';
import type { CardReaderPort, ReaderStatus } from '../devices/card/reader-port';
import type { EventBus } from '../event-bus';
import type { CardService } from './card-service';

/**
 * Connects the card service to the contract: the session's card states become `card.*`
 * events, the reader port's status becomes the reader part of `device.status`.
 */
export function wireCardEvents(
  service: CardService,
  reader: CardReaderPort,
  bus: EventBus,
  setReader: (status: ContractReaderStatus) => void,
): () => void {
  let sessionReader: string | null = null;

  const publishStatus = (status: ReaderStatus) =>
    setReader({
      device: status.device,
      media: status.media,
      name: sessionReader ?? reader.readers()[0]?.name ?? null,
      lastError: null,
    });

  const off = service.onEvent((e) => {
    if (e.type === 'reader_status') {
      publishStatus(e.status);
      return;
    }
    const card = e.card;
    if (card.state === 'reading') {
      sessionReader = card.reader;
      const atr = reader.readers().find((r) => r.name === card.reader)?.atr ?? '';
      bus.emit('card.inserted', { reader: card.reader, atr });
    } else if (card.state === 'no_card' && sessionReader !== null) {
      const gone = sessionReader;
      sessionReader = null;
      bus.emit('card.removed', { reader: gone });
    }
    publishStatus(service.readerStatus());
  });
  publishStatus(service.readerStatus());
  return off;
}
