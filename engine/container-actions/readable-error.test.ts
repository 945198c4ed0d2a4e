import { describe, expect, it } from 'vitest';
import { BerthError } from '../../contract/errors.js';
import { readableActionError } from './readable-error.js';

const id = 'a'.repeat(64);
const subject = { id, name: 'web-1', portOwner: (p: string) => (p === '8080' ? 'db-1' : undefined) };
const fix = (message: string, details?: unknown) => readableActionError(new BerthError('CONFLICT', message, details), subject).message;

describe('readableActionError', () => {
  it('names the container instead of its id', () => {
    expect(fix(`Container ${id} is not running`)).toBe('Container web-1 is not running');
    expect(fix(`Cannot kill container: ${id}: Container ${id} is not running`)).toBe('Container web-1 is not running');
    expect(fix(`Container ${id} is not paused`)).toBe('Container web-1 is not paused');
  });

  it('explains a running container cannot be removed', () => {
    expect(fix('cannot remove container "/web-1": container is running: stop the container before removing or force remove')).toBe(
      'Cannot remove a running container — stop it first or use Force',
    );
  });

  it('names who holds a port, reading the original text when it was already rewritten', () => {
    const engine = 'driver failed programming external connectivity on endpoint web-1 (x): Bind for 0.0.0.0:8080 failed: port is already allocated';
    expect(fix(engine)).toBe('Port 8080 is already in use by container db-1');
    expect(fix('Port 8080 is already in use by another container', { engineMessage: engine })).toBe('Port 8080 is already in use by container db-1');
    expect(fix(engine.replace(/8080/g, '9000'))).toMatch(/^Port 9000 is already in use on the host/);
  });

  it('keeps unknown messages, tidied, and keeps the code', () => {
    const out = readableActionError(new BerthError('ENGINE_ERROR', `Error response from daemon: something odd with ${id.slice(0, 12)}`), subject);
    expect(out.message).toBe('Something odd with web-1');
    expect(out.code).toBe('ENGINE_ERROR');
    const same = new BerthError('ENGINE_ERROR', 'plain');
    expect(readableActionError(same, subject)).toBe(same);
  });
});
