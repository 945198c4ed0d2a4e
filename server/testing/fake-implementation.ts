import { BerthError, contract, type BerthImplementation, type CallContext } from '../../contract/index.js';

type AnyHandler = (args: never, ctx: CallContext, body: AsyncIterable<Uint8Array>) => unknown;
export type FakeOverrides = Record<string, Record<string, AnyHandler>>;

/**
 * A BerthImplementation for transport tests, derived from the contract so it keeps up as domains are
 * added: every method, download and upload rejects with INTERNAL "not faked" and every stream ends at once, unless
 * overridden. Records each call (name and validated args).
 */
export function createFakeImplementation(overrides: FakeOverrides = {}): {
  impl: BerthImplementation;
  calls: { name: string; args: unknown }[];
} {
  const calls: { name: string; args: unknown }[] = [];
  const impl: Record<string, Record<string, unknown>> = {};
  for (const [domain, defs] of Object.entries(contract)) {
    const d: Record<string, unknown> = {};
    for (const [key, def] of Object.entries(defs)) {
      const name = `${domain}.${key}`;
      const override = overrides[domain]?.[key] as ((args: unknown, ctx: CallContext, body?: AsyncIterable<Uint8Array>) => unknown) | undefined;
      d[key] = (args: unknown, ctx: CallContext, body?: AsyncIterable<Uint8Array>) => {
        calls.push({ name, args });
        if (override) return override(args, ctx, body);
        if (def.kind !== 'stream') return Promise.reject(new BerthError('INTERNAL', `${name} is not faked`));
        return (async function* () {})();
      };
    }
    impl[domain] = d;
  }
  return { impl: impl as unknown as BerthImplementation, calls };
}
