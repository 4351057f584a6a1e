/**
 * Connects the stores to the main side: fetches state on every (re)connection and applies
 * events as they come. Screens only read stores and call `kioskApi().invoke`.
 */
import type { ConnectedApi } from '../api';
import { useDeviceStore } from './device';
import { useFlowStore } from './flow';
import { usePrefsStore } from './prefs';
import { useSessionStore } from './session';

async function refresh(api: ConnectedApi): Promise<void> {
  const [info, status, prefs, card] = await Promise.all([
    api.invoke('app.info', {}),
    api.invoke('device.status', {}),
    api.invoke('prefs.get', {}),
    api.invoke('card.current', {}),
  ]);
  if (info.ok) useDeviceStore.setState({ info: info.value });
  if (status.ok) useDeviceStore.setState({ status: status.value });
  if (prefs.ok) usePrefsStore.setState(prefs.value);
  // A card event may have been missed while disconnected: trust the card service's session.
  if (card.ok && card.value.state !== 'no_card') {
    const prev = useSessionStore.getState().card;
    useSessionStore.setState({
      card: prev?.reader === card.value.reader ? prev : { reader: card.value.reader, atr: '' },
      read: card.value.state === 'read' ? card.value.read : null,
    });
    useFlowStore.getState().go({ name: 'card' });
  } else if (card.ok && useSessionStore.getState().card) {
    useSessionStore.setState({ card: null, read: null });
    useFlowStore.getState().home();
  }
}

export function wireStores(api: ConnectedApi): () => void {
  const offEvents = api.subscribe((e) => {
    switch (e.event) {
      case 'device.status':
        useDeviceStore.setState({ status: e.payload });
        break;
      case 'prefs.changed':
        usePrefsStore.setState(e.payload);
        break;
      case 'card.inserted':
        useSessionStore.setState({ card: e.payload, read: null });
        useFlowStore.getState().go({ name: 'card' });
        break;
      case 'card.read':
        useSessionStore.setState({ read: e.payload });
        if (useFlowStore.getState().screen.name !== 'card')
          useFlowStore.getState().go({ name: 'card' });
        break;
      case 'card.removed':
        useSessionStore.setState({ card: null, read: null });
        useFlowStore.getState().home();
        break;
    }
  });
  const offConnection = api.onConnectionChange((connected) => {
    useDeviceStore.setState({ connected });
    if (connected) void refresh(api);
  });
  return () => {
    offEvents();
    offConnection();
  };
}
