/**
 * Transport-agnostic RPC derived from the contract. The same dispatcher serves Electron IPC and the
 * browser-mode WebSocket; the same client runs in the preload and in the browser. Methods, streams
 * and subscriptions are JSON messages; downloads and uploads carry their bytes as binary data with
 * acknowledged windows (contract/byte-frame.ts).
 */
export { clientMessage, parseServerMessage, type ClientMessage, type ServerMessage } from './rpc-messages.js';
export { createDispatcher, type Connection, type ConnectionSink, type Dispatcher, type DispatcherOptions } from './rpc-dispatcher.js';
export { createClient, type ClientTransport } from './rpc-client.js';
export { BYTE_LIMITS, decodeByteFrame, encodeByteFrame, encodeByteFrameHeader, ownBytes } from './byte-frame.js';
export { contractKinds, mapClientErrors, walkContract, type ContractKinds } from './walk.js';
