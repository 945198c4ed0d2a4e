import { describe, expect, it } from 'vitest';
import { checkDraft, emptyDraft } from './create-draft.js';

const context = { swarm: false, networks: [{ name: 'app', ipam: [{ subnet: '10.213.0.0/16' }] }] };

describe('network create draft', () => {
  it('turns a clean draft into a spec, with label and option lines parsed', () => {
    const r = checkDraft({ ...emptyDraft, name: 'web', subnet: '10.214.0.0/24', labels: 'team=a\n\n owner = b ', options: 'com.docker.network.bridge.name=br-web' }, context);
    expect(r.errors).toEqual({});
    expect(r.spec).toMatchObject({ name: 'web', driver: 'bridge', subnet: '10.214.0.0/24', labels: { team: 'a', owner: 'b' }, options: { 'com.docker.network.bridge.name': 'br-web' } });
  });

  it('gives each field its own message, and no spec', () => {
    const r = checkDraft({ ...emptyDraft, name: 'app', subnet: '10.213.5.0/24', labels: 'x', options: 'a=1\na=2' }, context);
    expect(r.spec).toBeUndefined();
    expect(r.errors).toEqual({
      name: 'A network named "app" already exists',
      subnet: 'The subnet 10.213.5.0/24 overlaps 10.213.0.0/16 of the network "app"',
      labels: 'Labels, line 1: "x" must be KEY=VALUE',
      options: 'Driver options, line 2: "a" is given twice (first on line 1)',
    });
  });

  it('ignores IPv6 fields while IPv6 is off, and a name too long is refused by the schema', () => {
    expect(checkDraft({ ...emptyDraft, name: 'n', subnet6: 'junk' }, context).errors).toEqual({});
    expect(checkDraft({ ...emptyDraft, name: 'n'.repeat(200) }, context).errors.name).toBe('The name is too long (at most 128 characters)');
    expect(checkDraft({ ...emptyDraft, name: 'n', subnet: '1'.repeat(70) }, context).errors.subnet).toBe('The subnet is too long (at most 64 characters)');
    expect(checkDraft({ ...emptyDraft, name: 'n', labels: `k=${'v'.repeat(5000)}` }, context).errors.labels).toBe('A label (its name or value) is too long (at most 4096 characters)');
  });
});
