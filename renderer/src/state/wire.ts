/**
 * Connects the stores to the main side: fetches state on every (re)connection and applies
 * events as they come. Screens only read stores and call `kioskApi().invoke`.
 */
import { onCommandError, type ConnectedApi } from '../api';
import { useAttendantStore } from './attendant';
import { useDeviceStore } from './device';
import { useFlowStore } from './flow';
import { useGuideStore } from './guide';
import { usePrefsStore } from './prefs';
import { IDLE, useSessionStore } from './session';

/**
 * The attendant entry screen waits for an attendant card: a card inserted there is the
 * attendant's (the main side starts no session for it), so the citizen screens stay down.
 */
const attendantEntry = (): boolean => useAttendantStore.getState().phase === 'passcode';

/** Screens that belong to a card session: the session's end takes them down. */
const SESSION_SCREENS = new Set(['card', 'pin', 'inquiry', 'cancel-loss']);

function refreshInfo(api: ConnectedApi): void {
  void api.invoke('app.info', {}).then((r) => {
    if (r.ok) useDeviceStore.setState({ info: r.value });
  });
}

async function refresh(api: ConnectedApi): Promise<void> {
  const [info, status, prefs, card, citizen] = await Promise.all([
    api.invoke('app.info', {}),
    api.invoke('device.status', {}),
    api.invoke('prefs.get', {}),
    api.invoke('card.current', {}),
    api.invoke('session.state', {}),
  ]);
  if (citizen.ok) useSessionStore.setState({ citizen: citizen.value });
  if (info.ok) {
    useDeviceStore.setState({ info: info.value });
    // The site's guide settings; without configured outlets the demo list stays.
    const guide = info.value.guide;
    useGuideStore.setState(
      guide.outlets.length > 0 ? guide : { ...useGuideStore.getState(), hotline: guide.hotline },
    );
  }
  if (status.ok) useDeviceStore.setState({ status: status.value });
  if (prefs.ok) usePrefsStore.setState(prefs.value);
  // A card event may have been missed while disconnected: trust the card service's session.
  if (card.ok && card.value.state !== 'no_card') {
    const prev = useSessionStore.getState().card;
    useSessionStore.setState({
      card: prev?.reader === card.value.reader ? prev : { reader: card.value.reader, atr: '' },
      read: card.value.state === 'read' ? card.value.read : null,
    });
    if (!attendantEntry()) useFlowStore.getState().go({ name: 'card' });
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
        if (!attendantEntry()) useFlowStore.getState().go({ name: 'card' });
        break;
      case 'card.read':
        useSessionStore.setState({ read: e.payload });
        if (!attendantEntry() && useFlowStore.getState().screen.name !== 'card')
          useFlowStore.getState().go({ name: 'card' });
        break;
      case 'card.removed':
        useSessionStore.setState({ card: null, read: null, citizen: IDLE });
        // Activation / change PIN stays up: it must tell whether the PIN changed.
        if (useFlowStore.getState().screen.name !== 'pin-change') useFlowStore.getState().home();
        break;
      case 'session.state':
        useSessionStore.setState({ citizen: e.payload });
        break;
      case 'session.ended':
        useSessionStore.setState({ citizen: IDLE });
        // Between two citizens, take the settings in force now: the bureau's configuration or
        // an attendant may have changed the functions offered or the idle timeout meanwhile.
        refreshInfo(api);
        if (e.payload.cardInSlot) useFlowStore.getState().go({ name: 'take-card' });
        else if (SESSION_SCREENS.has(useFlowStore.getState().screen.name))
          useFlowStore.getState().home();
        break;
    }
  });
  // A function switched off by an attendant while this page still offered it: the main side
  // refused; take the current settings and say so.
  const offErrors = onCommandError((_command, error) => {
    if (error.code !== 'function_disabled' || !error.function) return;
    refreshInfo(api);
    useFlowStore.getState().go({ name: 'unavailable', fn: error.function });
  });
  const offConnection = api.onConnectionChange((connected) => {
    useDeviceStore.setState({ connected });
    if (connected) void refresh(api);
  });
  return () => {
    offEvents();
    offErrors();
    offConnection();
  };
}
