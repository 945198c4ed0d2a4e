/** Every error that crosses the contract has this shape: serializable, with a stable code. */
export const errorCodes = [
  'VALIDATION', // an argument failed its zod schema; details.issues names the fields
  'UNKNOWN_METHOD', // no such method or stream in the contract
  'UNAUTHORIZED', // token or sender check failed
  'ENGINE_UNAVAILABLE', // no Docker engine can be reached
  'NOT_FOUND', // the engine says the object does not exist
  'CONFLICT', // name in use, port in use, container running…
  'ENGINE_ERROR', // any other error the engine reported
  'TRANSPORT', // the connection dropped or a message was malformed
  'CANCELLED', // the caller cancelled
  'INTERNAL', // a bug in Berth
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export interface BerthErrorShape {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

const knownCodes: ReadonlySet<string> = new Set(errorCodes);

/**
 * `value` as the wire shape of an error (its code, message and details, nothing else), or undefined
 * when it has none. Written out rather than a zod schema: the window checks every message from the
 * back end with it, and needs no zod on its way to the first paint (bench/first-row.ts).
 */
export function parseErrorShape(value: unknown): BerthErrorShape | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { code, message } = value as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || !knownCodes.has(code) || typeof message !== 'string') return undefined;
  const shape: BerthErrorShape = { code: code as ErrorCode, message };
  if ('details' in value) shape.details = (value as { details?: unknown }).details;
  return shape;
}

export class BerthError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'BerthError';
    this.code = code;
    this.details = details;
  }
  toJSON(): BerthErrorShape {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
  static from(shape: BerthErrorShape): BerthError {
    return new BerthError(shape.code, shape.message, shape.details);
  }
}

/** Turn anything thrown into the wire shape. Unknown errors become INTERNAL with their message. */
export function toErrorShape(err: unknown): BerthErrorShape {
  if (err instanceof BerthError) return err.toJSON();
  const shape = parseErrorShape(err);
  if (shape) return shape;
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message };
}

/** A readable one-line message naming each invalid field, e.g. `Invalid argument "all": expected boolean, received string`. */
export function validationError(issues: readonly { path: readonly PropertyKey[]; message: string }[]): BerthError {
  const fields = issues.map((i) => ({ field: i.path.map(String).join('.') || '(arguments)', message: i.message }));
  const text = fields.map((f) => `"${f.field}": ${f.message}`).join('; ');
  return new BerthError('VALIDATION', `Invalid argument ${text}`, { issues: fields });
}
