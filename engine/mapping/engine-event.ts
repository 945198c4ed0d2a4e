import type { EngineEvent } from '../../contract/model.js';

/** A mapped event plus what the event hub needs to resume exactly: the engine's nanosecond timestamp. */
export interface ParsedEvent {
  event: EngineEvent;
  /** Exact nanoseconds since the epoch (read from the raw text, beyond float precision). */
  timeNano: bigint;
  /** Identity of the event, used to drop the replayed boundary event after a resume. */
  key: string;
}

/**
 * Map one line of GET /events (already JSON-parsed, with its raw text) to an EngineEvent.
 * Returns undefined for JSON that is not an event. Handles old API versions (status/id/from
 * instead of Type/Action/Actor, `time` in seconds without `timeNano`).
 */
export function parseEngineEvent(value: unknown, text?: string): ParsedEvent | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const raw = value as Record<string, unknown>;
  const actor = isRecord(raw.Actor) ? raw.Actor : {};
  const attributes: Record<string, string> = {};
  if (isRecord(actor.Attributes)) {
    for (const [k, v] of Object.entries(actor.Attributes)) if (typeof v === 'string') attributes[k] = v;
  }
  const type = str(raw.Type) ?? (str(raw.from) !== undefined ? 'container' : undefined);
  const action = str(raw.Action) ?? str(raw.status);
  const id = str(actor.ID) ?? str(raw.id) ?? '';
  if (!type || !action) return undefined;

  const timeNano = exactTimeNano(raw, text);
  if (timeNano === undefined) return undefined;
  const name = attributes.name;
  const event: EngineEvent = { type, action, id, attributes, time: Number(timeNano / 1_000_000n) };
  if (name !== undefined) event.name = name;
  return { event, timeNano, key: `${type}|${action}|${id}|${timeNano}` };
}

/** Format nanoseconds as the engine's `since`/`until` syntax: "seconds.nanoseconds". */
export function formatSince(timeNano: bigint): string {
  const sec = timeNano / 1_000_000_000n;
  const ns = timeNano % 1_000_000_000n;
  return `${sec}.${ns.toString().padStart(9, '0')}`;
}

/** Parse an RFC 3339 time with up to nanosecond precision (the engine's SystemTime) to nanoseconds. */
export function rfc3339ToNano(time: string): bigint | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(time.trim());
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return undefined;
  const frac = BigInt((m[2] ?? '').padEnd(9, '0') || '0');
  return BigInt(ms) * 1_000_000n + frac;
}

function exactTimeNano(raw: Record<string, unknown>, text: string | undefined): bigint | undefined {
  const fromText = text ? /"timeNano"\s*:\s*(\d+)/.exec(text)?.[1] : undefined;
  if (fromText) return BigInt(fromText);
  if (typeof raw.timeNano === 'number' && Number.isFinite(raw.timeNano)) return BigInt(Math.trunc(raw.timeNano));
  if (typeof raw.time === 'number' && Number.isFinite(raw.time)) return BigInt(Math.trunc(raw.time)) * 1_000_000_000n;
  return undefined;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v);
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
