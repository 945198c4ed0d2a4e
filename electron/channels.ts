/** IPC channel names shared by the main process (ipc.ts) and the preload (ipc-transport.ts). */
export const RPC_CHANNEL = 'berth:rpc';
/** Sent once by each freshly loaded page, before its first call: the main process starts a new connection. */
export const CONNECT_CHANNEL = 'berth:connect';
export const OPEN_EXTERNAL_CHANNEL = 'berth:open-external';
/** The native Open dialog for compose files (the page gets the chosen paths, nothing else). */
export const PICK_COMPOSE_FILES_CHANNEL = 'berth:pick-compose-files';
/** Main → page: the back end's process went away ('closed') or is back ('open'), after a crash. */
export const BACKEND_STATUS_CHANNEL = 'berth:backend-status';
/** Main → page: show this page (a hash route, e.g. "#/containers/<id>"), from the tray or a notification. */
export const NAVIGATE_CHANNEL = 'berth:navigate';
