import { contextBridge, ipcRenderer } from 'electron';
import { BRIDGE_NAME, CHANNEL_NAMES } from '../../shared/channels';

// One function per contract channel and nothing else: the page never sees ipcRenderer itself.
const api = Object.fromEntries(
  CHANNEL_NAMES.map((channel) => [channel, (request: unknown) => ipcRenderer.invoke(channel, request)]),
);

contextBridge.exposeInMainWorld(BRIDGE_NAME, Object.freeze(api));
