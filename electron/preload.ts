/**
 * The sandboxed preload: exposes exactly one thing to the page, `window.kiosk`, the contract's
 * client ({ invoke, subscribe }). No ipcRenderer, no Node. The main side validates everything
 * it receives; the renderer validates everything it gets back (renderer/src/api.ts).
 * Bundled as CommonJS, because sandboxed preloads cannot be ES modules.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE } from './ipc-channels';

const kiosk = {
  invoke(command: unknown, payload: unknown): Promise<unknown> {
    return ipcRenderer.invoke(IPC_INVOKE, command, payload);
  },
  subscribe(listener: unknown): () => void {
    if (typeof listener !== 'function') return () => undefined;
    const handler = (_event: IpcRendererEvent, message: unknown) => {
      (listener as (message: unknown) => void)(message);
    };
    ipcRenderer.on(IPC_EVENT, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, handler);
    };
  },
};

contextBridge.exposeInMainWorld('kiosk', kiosk);
