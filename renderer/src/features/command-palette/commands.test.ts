import { describe, expect, it } from 'vitest';
import { container } from '../../testing/fake-api.js';
import { buildCommands, keywordsOf, textOf } from './commands.js';
import { rankByFuzzy } from './fuzzy.js';

// The palette only builds its list here: no action runs.
const never = () => Promise.reject(new Error('not run in this test'));
const noActions = { containers: { start: never, stop: never, restart: never, pause: never, unpause: never } };
const empty = { containers: [], images: [], volumes: [], networks: [] };
const first = (query: string, commands: ReturnType<typeof buildCommands>) => rankByFuzzy(query, commands, textOf, 50, keywordsOf)[0];

describe('palette commands', () => {
  it('offers Recently removed, once, as the first answer to "removed" or "recently", going to its own page', () => {
    const commands = buildCommands(empty, noActions);
    expect(rankByFuzzy('removed', commands, textOf)[0]).toMatchObject({ kind: 'Page', name: 'Recently removed', action: 'Go to', id: 'page:recently-removed' });
    expect(rankByFuzzy('recently', commands, textOf)[0]?.name).toBe('Recently removed');
    expect(commands.filter((c) => c.name === 'Recently removed')).toHaveLength(1);
  });

  it('finds an action by the words other tools use: shell and exec for Terminal, inspect for Open', () => {
    const web = container('9f3c2a1b7d6e5f40a1b2c3d4', { name: 'web' });
    const commands = buildCommands({ ...empty, containers: [web, container('2', { name: 'db' })] }, noActions);
    expect(first('web shell', commands)).toMatchObject({ name: 'web', action: 'Terminal' });
    expect(first('exec web', commands)).toMatchObject({ name: 'web', action: 'Terminal' });
    expect(first('web inspect', commands)).toMatchObject({ name: 'web', action: 'Open' });
    // Shown as it was: the other words only find it.
    expect(textOf(first('web shell', commands)!)).toBe('web Terminal Container');
  });

  it('finds a container or an image by the start of its id, as `docker ps` prints it', () => {
    const web = container('9f3c2a1b7d6e5f40a1b2c3d4', { name: 'web' });
    const images = [{ id: 'sha256:4e1b0c9a7f2d3e5b6c8a', name: 'nginx:1.27', tag: 'nginx:1.27' }];
    const commands = buildCommands({ ...empty, containers: [web, container('aaaa', { name: 'other' })], images }, noActions);
    expect(first('9f3c2a', commands)).toMatchObject({ name: 'web', action: 'Open' });
    expect(first('4e1b0c', commands)).toMatchObject({ kind: 'Image', name: 'nginx:1.27' });
    // Only the start of an id counts: letters scattered through it find nothing.
    expect(rankByFuzzy('fca', commands, textOf, 50, keywordsOf).filter((c) => c.name === 'web')).toEqual([]);
  });

  it('finds pages by other names: preferences, trash, daemon', () => {
    const commands = buildCommands(empty, noActions);
    expect(first('preferences', commands)?.name).toBe('Settings');
    expect(first('trash', commands)?.name).toBe('Recently removed');
    expect(first('daemon', commands)?.name).toBe('Engine');
    expect(first('prune', commands)?.name).toBe('Disk usage');
  });

  it('offers Remove… for every container and Kill… for a running one, by their words too; choosing one opens its dialog, it does not act', () => {
    const asked: string[] = [];
    const ask = (kind: 'remove' | 'kill', t: { name: string }) => void asked.push(`${kind} ${t.name}`);
    const commands = buildCommands({ ...empty, containers: [container('1', { name: 'web' }), container('2', { name: 'old', state: 'exited' })] }, noActions, ask);
    expect(first('web remove', commands)).toMatchObject({ name: 'web', action: 'Remove…', shortcut: 'Delete' });
    expect(first('delete old', commands)).toMatchObject({ name: 'old', action: 'Remove…' });
    expect(first('web kill', commands)).toMatchObject({ name: 'web', action: 'Kill…', shortcut: 'k' });
    expect(commands.filter((c) => c.name === 'old' && c.action === 'Kill…')).toEqual([]);
    void first('rm web', commands)!.run();
    expect(asked).toEqual(['remove web']);
    // Without a way to ask, neither is offered.
    expect(buildCommands({ ...empty, containers: [container('1', { name: 'web' })] }, noActions).some((c) => c.action === 'Remove…')).toBe(false);
  });
});
