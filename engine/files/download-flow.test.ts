import { describe, expect, it } from 'vitest';
import { DownloadFlows } from './download-flow.js';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('download flow control', () => {
  it('holds the sender while the window is full, until an ack makes room', async () => {
    const flows = new DownloadFlows(10);
    const flow = flows.open('c1', new AbortController().signal);
    await flow.send(6);
    await flow.send(6); // 12 unacked now
    let third = false;
    const p = flow.send(6).then(() => (third = true));
    await tick();
    expect(third).toBe(false);
    flows.ack('c1', flow.id, 6); // 6 unacked: room again
    await p;
    expect(third).toBe(true);
  });

  it('an abort releases a waiting sender; acks are checked', async () => {
    const flows = new DownloadFlows(1);
    const ctl = new AbortController();
    const flow = flows.open('c1', ctl.signal);
    await flow.send(5);
    const waiting = flow.send(5);
    ctl.abort();
    await waiting;
    expect(() => flows.ack('c2', flow.id, 1)).toThrow('No such download on this connection');
    expect(() => flows.ack('c1', flow.id, 999)).toThrow('is more than the 10 bytes sent');
    flows.close(flow);
    expect(flows.size).toBe(0);
    expect(() => flows.ack('c1', flow.id, 1)).not.toThrow();
  });
});
