import { parseErrorShape, type BerthErrorShape } from './errors.js';

/**
 * The messages from the back end to a client (contract/rpc-messages.ts has the client's). Checked by
 * the client with parseServerMessage(), written out rather than as a zod schema: the window runs it on
 * every message and needs no zod on its way to the first paint (bench/first-row.ts).
 */
export type ServerMessage =
  | { t: 'result'; id: number; ok: true; value: unknown }
  | { t: 'result'; id: number; ok: false; error: BerthErrorShape }
  | { t: 'events'; id: number; events: unknown[] }
  | { t: 'end'; id: number; error?: BerthErrorShape }
  | { t: 'head'; id: number; head: unknown }
  | { t: 'bytes'; id: number; data: Uint8Array }
  | { t: 'ack'; id: number; bytes: number };

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** `raw` as a ServerMessage (its known fields only), or undefined when it is not one: such a message is dropped. */
export function parseServerMessage(raw: unknown): ServerMessage | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const m = raw as Record<string, unknown>;
  const id = m.id;
  if (!isNumber(id)) return undefined;
  switch (m.t) {
    case 'result': {
      if (m.ok === true) return { t: 'result', id, ok: true, value: m.value };
      const error = m.ok === false ? parseErrorShape(m.error) : undefined;
      return error && { t: 'result', id, ok: false, error };
    }
    case 'events':
      return Array.isArray(m.events) ? { t: 'events', id, events: m.events as unknown[] } : undefined;
    case 'end': {
      if (m.error === undefined) return { t: 'end', id };
      const error = parseErrorShape(m.error);
      return error && { t: 'end', id, error };
    }
    case 'head':
      return { t: 'head', id, head: m.head };
    case 'bytes':
      return m.data instanceof Uint8Array ? { t: 'bytes', id, data: m.data } : undefined;
    case 'ack':
      return isNumber(m.bytes) ? { t: 'ack', id, bytes: m.bytes } : undefined;
    default:
      return undefined;
  }
}
