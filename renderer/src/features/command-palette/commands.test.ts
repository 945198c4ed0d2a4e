import { describe, expect, it } from 'vitest';
import { buildCommands, textOf } from './commands.js';
import { rankByFuzzy } from './fuzzy.js';

// The palette only builds its list here: no action runs.
const never = () => Promise.reject(new Error('not run in this test'));
const noActions = { containers: { start: never, stop: never, restart: never, pause: never, unpause: never } };

describe('palette commands', () => {
  it('offers Recently removed, which the sidebar does not list, as the first answer to "removed" or "recently"', () => {
    const commands = buildCommands({ containers: [], images: [], volumes: [], networks: [] }, noActions);
    expect(rankByFuzzy('removed', commands, textOf)[0]).toMatchObject({ kind: 'Page', name: 'Recently removed', action: 'Go to' });
    expect(rankByFuzzy('recently', commands, textOf)[0]?.name).toBe('Recently removed');
  });
});
