import { describe, expect, it } from 'vitest';
import { deleteBlockedText } from './delete-blocked.js';

describe('deleteBlockedText', () => {
  it('lets a running container delete, and tells what to do otherwise', () => {
    expect(deleteBlockedText('running')).toBeUndefined();
    expect(deleteBlockedText('paused')).toBe('Unpause the container to delete files');
    for (const s of ['created', 'exited', 'dead', 'restarting', 'removing'] as const) expect(deleteBlockedText(s)).toBe('Start the container to delete files');
  });
});
