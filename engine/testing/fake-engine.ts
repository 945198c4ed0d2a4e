import type { EngineAdapter, EngineRequest } from '../adapter/engine-adapter.js';

/** A request the fake saw, with the method that made it. */
export interface SeenRequest extends EngineRequest {
  call: 'json' | 'head' | 'stream' | 'upload' | 'uploadStream' | 'hijack' | 'rawGet' | 'held';
}

/**
 * An EngineAdapter for unit tests: the methods given answer, every other one fails the test; each
 * request is recorded in `seen`.
 */
export function fakeEngine(methods: Partial<EngineAdapter>): EngineAdapter & { seen: SeenRequest[] } {
  const seen: SeenRequest[] = [];
  const pick = <K extends SeenRequest['call']>(call: K) =>
    ((req: EngineRequest) => {
      seen.push({ ...req, call });
      const fn = methods[call] as ((r: EngineRequest) => unknown) | undefined;
      if (!fn) throw new Error(`fake engine: unexpected ${call} ${req.method ?? 'GET'} ${req.path}`);
      return fn(req);
    }) as EngineAdapter[K];
  return {
    seen,
    endpoint: methods.endpoint ?? { host: 'unix:///fake.sock', source: 'setting' },
    transport: methods.transport ?? 'unix',
    apiVersion: methods.apiVersion,
    json: pick('json'),
    head: pick('head'),
    stream: pick('stream'),
    upload: pick('upload'),
    uploadStream: pick('uploadStream'),
    hijack: pick('hijack'),
    rawGet: pick('rawGet'),
    held: pick('held'),
    demux: methods.demux ?? (() => undefined),
    dispose: methods.dispose ?? (() => undefined),
  };
}
