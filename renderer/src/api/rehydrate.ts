import type { Client, ContractKinds, ContractShape } from '../../../contract/index.js';
import { BerthError, toErrorShape } from '../../../contract/errors.js';
import { mapClientErrors } from '../../../contract/walk.js';

/**
 * Electron's contextBridge copies errors as plain data, so the preload sends {name, code, message,
 * details}. Wrap the bridged client (by the one contract walker, nothing per method) so that the UI
 * always receives real BerthError instances, as it does in browser mode.
 */
export function rehydrateErrors<C extends ContractShape>(contract: C | ContractKinds<C>, bridged: Client<C>): Client<C> {
  return mapClientErrors(contract, bridged, (e) => (e instanceof BerthError ? e : BerthError.from(toErrorShape(e))));
}
