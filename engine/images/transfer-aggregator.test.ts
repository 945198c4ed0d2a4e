import { describe, expect, it } from 'vitest';
import type { TransferEvent } from '../../contract/models/images.js';
import { NdjsonParser } from '../streams/ndjson.js';
import { asProgressMessage, headlineOf, TransferAggregator } from './transfer-aggregator.js';

/** Real lines from `POST /images/create` against the local registry (dockerd 20.10). */
const PULL = [
  '{"status":"Pulling from berth-e2e/h4a-exp","id":"1"}',
  '{"status":"Already exists","progressDetail":{},"id":"3657859f5edf"}',
  '{"status":"Pulling fs layer","progressDetail":{},"id":"cdbfb93af5d0"}',
  '{"status":"Pulling fs layer","progressDetail":{},"id":"2ea7a187ba92"}',
  '{"status":"Downloading","progressDetail":{"current":3678,"total":300288},"progress":"[\\u003e      ]  3.678kB/300.3kB","id":"2ea7a187ba92"}',
  '{"status":"Downloading","progressDetail":{"current":104,"total":104},"progress":"[=====\\u003e]     104B/104B","id":"cdbfb93af5d0"}',
  '{"status":"Verifying Checksum","progressDetail":{},"id":"cdbfb93af5d0"}',
  '{"status":"Download complete","progressDetail":{},"id":"cdbfb93af5d0"}',
  '{"status":"Extracting","progressDetail":{"current":104,"total":104},"progress":"[=====\\u003e]     104B/104B","id":"cdbfb93af5d0"}',
  '{"status":"Pull complete","progressDetail":{},"id":"cdbfb93af5d0"}',
  '{"status":"Downloading","progressDetail":{"current":300288,"total":300288},"progress":"[=====\\u003e]  300.3kB/300.3kB","id":"2ea7a187ba92"}',
  '{"status":"Verifying Checksum","progressDetail":{},"id":"2ea7a187ba92"}',
  '{"status":"Download complete","progressDetail":{},"id":"2ea7a187ba92"}',
  '{"status":"Extracting","progressDetail":{"current":150000,"total":300000},"id":"2ea7a187ba92"}',
  '{"status":"Pull complete","progressDetail":{},"id":"2ea7a187ba92"}',
  '{"status":"Digest: sha256:d9160ea61b2698aad503c04625f47b913c94d4bd76fd1ff550b4308f106a9ae4"}',
  '{"status":"Status: Downloaded newer image for 127.0.0.1:5000/berth-e2e/h4a-exp:1"}',
];

function fold(kind: 'pull' | 'push', chunks: (string | Uint8Array)[]) {
  const parser = new NdjsonParser();
  const agg = new TransferAggregator(kind);
  const events: TransferEvent[] = [];
  const bad: string[] = [];
  const take = (items: ReturnType<NdjsonParser['push']>) => {
    for (const item of items) {
      if (!item.ok) bad.push(item.error.message);
      else events.push(...agg.apply(asProgressMessage(item.value)!));
    }
  };
  for (const c of chunks) take(parser.push(c));
  take(parser.end());
  return { agg, events, bad };
}

describe('TransferAggregator', () => {
  it('folds real pull lines into one state per layer, with an overall figure', () => {
    const { agg, events, bad } = fold('pull', [PULL.join('\n') + '\n']);
    expect(bad).toEqual([]);
    const layers = new Map(agg.snapshot().map((l) => [l.id, l]));
    expect(layers.size).toBe(3);
    expect(layers.get('3657859f5edf')).toMatchObject({ phase: 'exists', status: 'Already exists', fraction: 1 });
    expect(layers.get('2ea7a187ba92')).toMatchObject({ phase: 'complete', transfer: { current: 300288, total: 300288 }, fraction: 1 });
    expect(agg.overall()).toEqual({ layers: 3, done: 3, transfer: { current: 300392, total: 300392 }, fraction: 1 });
    expect(agg.finalDigest).toBe('sha256:d9160ea61b2698aad503c04625f47b913c94d4bd76fd1ff550b4308f106a9ae4');
    // The first Downloading of the big layer: 70 % of the way is the transfer.
    const first = events.find((e) => e.kind === 'layer' && e.layer.id === '2ea7a187ba92' && e.layer.phase === 'downloading');
    expect(first?.kind === 'layer' && first.layer.fraction).toBeCloseTo((0.7 * 3678) / 300288, 6);
    const extracting = events.find((e) => e.kind === 'layer' && e.layer.id === '2ea7a187ba92' && e.layer.phase === 'extracting');
    expect(extracting?.kind === 'layer' && extracting.layer).toMatchObject({ extract: { current: 150000, total: 300000 }, fraction: 0.85 });
    expect(events.filter((e) => e.kind === 'status').map((e) => e.kind === 'status' && e.message)).toEqual([
      'Pulling berth-e2e/h4a-exp:1',
      'Downloaded newer image for 127.0.0.1:5000/berth-e2e/h4a-exp:1',
    ]);
  });

  it('skips a bad line and reads a multi-byte character split across chunks', () => {
    const text = `${PULL[0]}\n{not json\n{"status":"Retrying in 5 seconds — ünïcode","id":"cdbfb93af5d0"}\n${PULL[2]}\n`;
    const bytes = new TextEncoder().encode(text);
    const split = text.indexOf('—');
    const at = new TextEncoder().encode(text.slice(0, split)).length + 1; // inside the 3-byte "—"
    const { agg, bad } = fold('pull', [bytes.slice(0, at), bytes.slice(at)]);
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatch(/^Invalid JSON on line 2/);
    expect(agg.snapshot()).toEqual([{ id: 'cdbfb93af5d0', phase: 'waiting', status: 'Pulling fs layer', fraction: 0 }]);
  });

  it('keeps the retry text verbatim with its multi-byte characters', () => {
    const bytes = new TextEncoder().encode('{"status":"Retrying in 5 seconds — ü","id":"cdbfb93af5d0"}\n');
    const { agg } = fold('pull', [bytes.slice(0, 40), bytes.slice(40)]);
    expect(agg.snapshot()[0]).toMatchObject({ phase: 'retrying', status: 'Retrying in 5 seconds — ü' });
  });

  it('push: Pushing bytes are clamped to the total, Layer already exists and Mounted from count as done', () => {
    const lines = [
      '{"status":"The push refers to repository [127.0.0.1:5000/berth-e2e/h4a-exp]"}',
      '{"status":"Preparing","progressDetail":{},"id":"06e5a76a138c"}',
      '{"status":"Preparing","progressDetail":{},"id":"d71031c319af"}',
      '{"status":"Preparing","progressDetail":{},"id":"eecdc0181c74"}',
      '{"status":"Pushing","progressDetail":{"current":301568,"total":300000},"id":"06e5a76a138c"}',
      '{"status":"Layer already exists","progressDetail":{},"id":"d71031c319af"}',
      '{"status":"Mounted from berth-e2e/other","progressDetail":{},"id":"eecdc0181c74"}',
      '{"status":"1: digest: sha256:d9160ea61b2698aad503c04625f47b913c94d4bd76fd1ff550b4308f106a9ae4 size: 1155"}',
      '{"progressDetail":{},"aux":{"Tag":"1","Digest":"sha256:d9160ea61b2698aad503c04625f47b913c94d4bd76fd1ff550b4308f106a9ae4","Size":1155}}',
    ];
    const { agg, events } = fold('push', [lines.join('\n')]);
    // The closing "1: digest: … size: 1155" line is no headline: the status says the push is complete.
    expect(events.filter((e) => e.kind === 'status').map((e) => e.kind === 'status' && e.message)).toEqual([
      'Pushing to 127.0.0.1:5000/berth-e2e/h4a-exp',
      'Push complete',
    ]);
    const l = new Map(agg.snapshot().map((x) => [x.id, x]));
    expect(l.get('06e5a76a138c')).toMatchObject({ phase: 'uploading', transfer: { current: 300000, total: 300000 }, fraction: 1 });
    expect(l.get('d71031c319af')?.phase).toBe('exists');
    expect(l.get('eecdc0181c74')?.phase).toBe('exists');
    expect(agg.overall().done).toBe(2);
    expect(agg.finalDigest).toMatch(/^sha256:d916/);
  });

  it('never moves a finished layer backwards, and memory is one entry per layer', () => {
    const agg = new TransferAggregator('pull');
    agg.apply({ id: 'aaaaaaaaaaaa', status: 'Pull complete' });
    expect(agg.apply({ id: 'aaaaaaaaaaaa', status: 'Downloading', progressDetail: { current: 1, total: 10 } })).toEqual([]);
    for (let i = 0; i < 10_000; i++) agg.apply({ id: 'bbbbbbbbbbbb', status: 'Downloading', progressDetail: { current: i, total: 10_000 } });
    expect(agg.layerCount).toBe(2);
  });

  it('asProgressMessage ignores values that are not progress objects', () => {
    expect(asProgressMessage(null)).toBeUndefined();
    expect(asProgressMessage([1])).toBeUndefined();
    expect(asProgressMessage({ status: 5, progressDetail: { current: 'x' } })).toEqual({ progressDetail: {} });
    expect(asProgressMessage({ errorDetail: { message: 'boom' }, error: 'boom' })).toEqual({ error: 'boom', errorDetail: { message: 'boom' } });
  });
});

describe('headlineOf: the engine status lines a pull or push dialog shows as its headline', () => {
  it('says what happens in plain words, without the engine prefixes', () => {
    expect(headlineOf('Pulling from library/nginx', 'latest')).toBe('Pulling library/nginx:latest');
    expect(headlineOf('Pulling from library/nginx', 'sha256:abc')).toBe('Pulling library/nginx@sha256:abc');
    expect(headlineOf('Status: Image is up to date for nginx:latest')).toBe('Image is up to date for nginx:latest');
    expect(headlineOf('The push refers to repository [127.0.0.1:5000/app]')).toBe('Pushing to 127.0.0.1:5000/app');
    expect(headlineOf('Digest: sha256:d9160ea61b2698aad503c04625f47b913c94d4bd76fd1ff550b4308f106a9ae4')).toBeUndefined();
  });
  it('keeps other lines as written, with a non-layer id in front', () => {
    expect(headlineOf('Waiting for the registry', 'web')).toBe('web: Waiting for the registry');
    expect(headlineOf('Something new')).toBe('Something new');
  });
});
