import type { DomainImplementation } from '../../contract/define.js';
import type { imagesApi } from '../../contract/domains/images.js';
import { BerthError } from '../../contract/errors.js';
import { familiarRepository, formatReference, parseImageReference, parseTagTarget, withDefaultTag, type ImageReference } from '../../contract/image-reference.js';
import { toBerthError } from '../errors.js';
import { imagePath } from '../adapter/calls.js';
import type { EngineRequest } from '../adapter/engine-adapter.js';
import { mapHistory, mapImageDetails } from '../images/image-mapping.js';
import { decideLayers } from '../layers/history-layers.js';
import { dockerImageReader } from '../images/image-reader.js';
import { prunePreview, pruneImages, removeImage } from '../images/image-remove.js';
import { listImages, watchImages } from '../images/image-watch.js';
import { runTransfer } from '../images/transfer-stream.js';
import { resolveRegistryAuth } from '../registry/credentials.js';
import type { ServiceDeps } from './service-deps.js';

export interface ImagesServiceOptions {
  /** Registry credentials (X-Registry-Auth) for a registry host; defaults to the Docker CLI's config. */
  resolveAuth?: (registryHost: string) => Promise<object | undefined>;
}

function parseOrThrow(reference: string): ImageReference {
  const r = parseImageReference(reference);
  if (!r.ok) throw new BerthError('VALIDATION', r.error);
  return r.ref;
}

/** Images: list, remove, prune, pull, tag, push, inspect, history. */
export function createImagesService(deps: ServiceDeps, options: ImagesServiceOptions = {}): DomainImplementation<typeof imagesApi> {
  const resolveAuth = options.resolveAuth ?? ((host: string) => resolveRegistryAuth(host));
  const conn = () => deps.connections.require();
  const reader = () => {
    const c = conn();
    return dockerImageReader(c.engine, c.endpoint.host);
  };
  const authFor = async (ref: ImageReference) => {
    try {
      return await resolveAuth(ref.domain);
    } catch (err) {
      deps.log(`registry credentials for ${ref.domain}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  };

  /** A pull or push of `ref`: the POST `request` makes (given the registry's credentials), its progress read by runTransfer. */
  const transfer = (kind: 'pull' | 'push', ref: ImageReference, signal: AbortSignal, request: (auth: object | undefined) => Omit<EngineRequest, 'method' | 'signal'>) => {
    const c = conn();
    return runTransfer({ kind, ref, signal, log: deps.log, auth: () => authFor(ref), open: async (s, auth) => c.engine.stream({ ...request(auth), method: 'POST', signal: s }) });
  };

  return {
    list: (_args, ctx) => listImages(reader(), ctx.signal),

    watch: (_args, ctx) => watchImages({ reader: reader(), events: conn().hub, signal: ctx.signal }),

    async inspect({ id }, ctx) {
      const raw = await reader().inspect(id, ctx.signal);
      if (!raw) throw new BerthError('NOT_FOUND', `No such image: ${id}`);
      return mapImageDetails(raw);
    },

    async history({ id }, ctx) {
      const r = reader();
      const image = await r.inspect(id, ctx.signal);
      if (!image) throw new BerthError('NOT_FOUND', `No such image: ${id}`);
      const history = await r.history(id, ctx.signal);
      const oldestFirst = history.map((h) => ({ size: h.Size ?? 0, createdBy: h.CreatedBy ?? '', id: h.Id && h.Id !== '<missing>' ? h.Id : undefined })).reverse();
      const layersOf = async (step: string) => (await r.inspect(step, ctx.signal))?.RootFS?.Layers?.length;
      const made = (await decideLayers(oldestFirst, image.RootFS?.Layers?.length ?? 0, layersOf)).reverse();
      return history.map((h, i) => mapHistory(h, made[i] ?? true));
    },

    remove: ({ image, force }, ctx) => removeImage(conn().engine, reader(), image, force, ctx.signal),

    async prunePreview({ mode }, ctx) {
      return prunePreview(await listImages(reader(), ctx.signal), mode);
    },

    prune: ({ mode }, ctx) => pruneImages(conn().engine, mode, ctx.signal),

    pull({ reference }, ctx) {
      const ref = withDefaultTag(parseOrThrow(reference));
      return transfer('pull', ref, ctx.signal, (auth) => ({ path: '/images/create', query: { fromImage: familiarRepository(ref), tag: ref.digest ?? ref.tag }, auth }));
    },

    async tag({ source, target }, ctx) {
      const t = parseTagTarget(target);
      if (!t.ok) throw new BerthError('VALIDATION', t.error);
      const ref = withDefaultTag(t.ref);
      const engine = conn().engine;
      if (!(await reader().inspect(source, ctx.signal))) throw new BerthError('NOT_FOUND', `No such image: ${source}`);
      try {
        await engine.json<unknown>({ method: 'POST', path: `${imagePath(source)}/tag`, query: { repo: familiarRepository(ref), tag: ref.tag }, signal: ctx.signal, ok: [200, 201] });
      } catch (err) {
        throw toBerthError(err);
      }
      return { target: formatReference(ref) };
    },

    push({ reference }, ctx) {
      const ref = withDefaultTag(parseOrThrow(reference));
      if (ref.digest) throw new BerthError('VALIDATION', `Invalid reference "${reference}": push takes a tag, not a digest`);
      // The engine insists on the auth header for a push, even empty ("{}").
      return transfer('push', ref, ctx.signal, (auth) => ({ path: `${imagePath(familiarRepository(ref))}/push`, query: { tag: ref.tag }, auth: auth ?? {} }));
    },
  };
}
