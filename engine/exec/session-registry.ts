import { randomBytes } from 'node:crypto';
import { BerthError } from '../../contract/errors.js';

/** What the registry needs from a live terminal session. */
export interface SessionHandle {
  write(data: string): void;
  resize(cols: number, rows: number): Promise<void>;
}

interface Entry {
  connectionId: string;
  handle: SessionHandle;
}

/**
 * Live exec/attach sessions, each owned by the connection (window) that opened it. Input and resize
 * are only accepted from the owner: another connection gets the same NOT_FOUND as for an unknown id,
 * so it cannot even learn that the session exists. Ids are 128 random bits.
 */
export class ExecSessionRegistry {
  private readonly sessions = new Map<string, Entry>();

  /** Register a session; returns its id and a function that removes it. */
  add(connectionId: string, handle: SessionHandle): { id: string; remove(): void } {
    const id = randomBytes(16).toString('hex');
    this.sessions.set(id, { connectionId, handle });
    return { id, remove: () => void this.sessions.delete(id) };
  }

  get size(): number {
    return this.sessions.size;
  }

  /** The session `id` if `connectionId` owns it; NOT_FOUND otherwise. */
  get(id: string, connectionId: string): SessionHandle {
    const e = this.sessions.get(id);
    if (!e || e.connectionId !== connectionId) {
      throw new BerthError('NOT_FOUND', 'This terminal session has ended or belongs to another window. Connect again.');
    }
    return e.handle;
  }
}
