import { mapClientErrors, toErrorShape, type BerthErrorShape, type Client, type ContractShape } from '../contract/index.js';

/** What a failed call rejects with in the page: contextBridge drops custom Error properties, so errors cross as plain data. */
export type BridgedError = BerthErrorShape & { name: 'BerthError' };

export function toBridgedError(err: unknown): BridgedError {
  const shape = toErrorShape(err);
  return shape.details === undefined
    ? { name: 'BerthError', code: shape.code, message: shape.message }
    : { name: 'BerthError', code: shape.code, message: shape.message, details: shape.details };
}

/**
 * Wraps a contract client for contextBridge.exposeInMainWorld, derived from the contract by the one
 * contract walker (nothing per method): rejections and every `error` handler receive plain
 * {name, code, message, details} objects, since Electron copies an Error across worlds with its
 * message only and `code` would be lost. Bytes (Uint8Array) cross as copies.
 */
export function toBridgeSafe<C extends ContractShape>(contract: C, client: Client<C>): Client<C> {
  return mapClientErrors(contract, client, toBridgedError);
}
