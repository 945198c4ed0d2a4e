import { describe, expect, it } from 'vitest';
import type { EngineEvent, EngineStatus } from '../contract/index.js';
import { ContainerExitRules, EngineStopRule } from './notification-rules.js';
import { TransferTap } from './transfer-tap.js';
import type { Notice } from './notification-rules.js';

const ev = (action: string, attributes: Record<string, string> = {}, id = 'c0ffee1234567890'): EngineEvent => ({ type: 'container', action, id, name: 'web', attributes, time: 0 });
const run = (events: EngineEvent[]) => {
  const rules = new ContainerExitRules();
  return events.map((e) => rules.event(e)).filter((n): n is Notice => n !== undefined);
};

// The sequences are what dockerd 26 emits (docker events) for each case.
describe('container exit notifications', () => {
  it('a stop asked for in Berth (POST /containers/{id}/stop) does not notify, even with exit code 143', () => {
    expect(run([ev('kill', { signal: '15' }), ev('die', { exitCode: '143' }), ev('stop')])).toEqual([]);
  });

  it('a CLI `docker stop` that has to SIGKILL does not notify', () => {
    expect(run([ev('kill', { signal: '15' }), ev('kill', { signal: '9' }), ev('die', { exitCode: '137' }), ev('stop')])).toEqual([]);
  });

  it('`docker kill`, `docker restart` and `docker rm -f` do not notify', () => {
    expect(run([ev('kill', { signal: '9' }), ev('die', { exitCode: '137' })])).toEqual([]);
    expect(run([ev('kill', { signal: '15' }), ev('die', { exitCode: '0' }), ev('stop'), ev('start')])).toEqual([]);
    expect(run([ev('kill', { signal: '9' }), ev('die', { exitCode: '137' }), ev('destroy')])).toEqual([]);
  });

  it('a crash (non-zero exit without a request) notifies, clickable to the container', () => {
    expect(run([ev('start'), ev('die', { exitCode: '2' })])).toEqual([
      { kind: 'containerExited', title: 'web exited unexpectedly', body: expect.stringContaining('Exit code 2'), route: '#/containers/c0ffee1234567890' },
    ]);
  });

  it('an OOM kill notifies as such', () => {
    const [n] = run([ev('oom'), ev('die', { exitCode: '137' })]);
    expect(n).toMatchObject({ kind: 'containerExited', title: 'web was killed: out of memory' });
  });

  it('a clean exit (code 0) does not notify', () => {
    expect(run([ev('die', { exitCode: '0' })])).toEqual([]);
  });

  it('a request is forgotten once the container starts again: its next crash notifies', () => {
    expect(run([ev('kill', { signal: '15' }), ev('start'), ev('die', { exitCode: '1' })])).toHaveLength(1);
  });

  it('events of other containers and other types are independent', () => {
    expect(run([ev('kill', { signal: '15' }, 'a'), ev('die', { exitCode: '1' }, 'b')])).toHaveLength(1);
    expect(new ContainerExitRules().event({ ...ev('die', { exitCode: '1' }), type: 'image' })).toBeUndefined();
  });
});

describe('engine stopped notifications', () => {
  const s = (state: EngineStatus['state'], provider: EngineStatus['provider'] = 'native'): EngineStatus => ({ state, managed: false, provider });

  it('notifies when a running engine stops or fails, not at start or while starting', () => {
    const rule = new EngineStopRule();
    expect(rule.status(s('stopped'))).toBeUndefined();
    expect(rule.status(s('starting'))).toBeUndefined();
    expect(rule.status(s('running'))).toBeUndefined();
    expect(rule.status(s('error'))).toMatchObject({ kind: 'engineStopped', title: 'The Docker engine stopped', route: '#/engine' });
  });

  it('does not notify a stop the user asked for, nor the first status after a back-end restart', () => {
    const rule = new EngineStopRule();
    rule.status(s('running', 'vm'), 0);
    rule.expectStop(0);
    expect(rule.status(s('stopped', 'vm'), 1000)).toBeUndefined();
    rule.status(s('running', 'vm'), 2000);
    rule.reset();
    expect(rule.status(s('stopped', 'vm'), 3000)).toBeUndefined();
    rule.status(s('running', 'vm'), 4000);
    expect(rule.status(s('stopped', 'vm'), 5000)).toMatchObject({ title: 'Berth’s VM stopped' });
  });
});

describe('pull, push and build notifications (TransferTap)', () => {
  const tap = () => {
    const seen: Notice[] = [];
    return { seen, t: new TransferTap((n) => seen.push(n)) };
  };

  it('a finished pull and a failed push notify; a cancelled pull does not', () => {
    const { seen, t } = tap();
    t.fromPage('p', { t: 'sub', id: 1, name: 'images.pull', args: { reference: 'nginx:1' } });
    t.toPage('p', { t: 'events', id: 1, events: [{ kind: 'done', reference: 'nginx:1', message: 'ok' }] });
    t.toPage('p', { t: 'end', id: 1 });
    t.fromPage('p', { t: 'sub', id: 2, name: 'images.push', args: { reference: 'reg/x:1' } });
    t.toPage('p', { t: 'end', id: 2, error: { code: 'AUTH', message: 'denied' } });
    t.fromPage('p', { t: 'sub', id: 3, name: 'images.pull', args: { reference: 'big' } });
    t.fromPage('p', { t: 'unsub', id: 3 });
    t.toPage('p', { t: 'end', id: 3 });
    expect(seen).toEqual([
      { kind: 'transferFinished', title: 'Pulled nginx:1', body: expect.any(String), route: '#/images' },
      { kind: 'transferFailed', title: 'Push of reg/x:1 failed', body: 'denied', route: '#/images' },
    ]);
  });

  it('a build that reports failed notifies failure; other streams are ignored', () => {
    const { seen, t } = tap();
    t.fromPage('p', { t: 'sub', id: 5, name: 'images.build', args: { context: '/src', tags: ['app:dev'] } });
    t.fromPage('p', { t: 'sub', id: 6, name: 'containers.watch', args: {} });
    t.toPage('p', { t: 'events', id: 5, events: [{ kind: 'failed', message: 'step 2 exited with 1' }] });
    t.toPage('p', { t: 'end', id: 5 });
    t.toPage('p', { t: 'end', id: 6 });
    expect(seen).toEqual([expect.objectContaining({ kind: 'transferFailed', title: 'Build of app:dev failed', body: 'step 2 exited with 1' })]);
  });
});
