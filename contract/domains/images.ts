import { z } from 'zod';
import { method, stream } from '../define.js';
import { parseImageReference, parseTagTarget } from '../image-reference.js';
import type { Change } from '../model.js';
import type {
  ImageDetails,
  ImageHistoryEntry,
  ImageRemoveResult,
  ImageSummary,
  PrunePreview,
  PruneResult,
  TransferEvent,
} from '../models/images.js';

const none = z.object({}).strict();

/** An image reference checked like the engine does, with a readable reason when it is not valid. */
export const imageReferenceSchema = z
  .string({ error: 'expected an image reference (text)' })
  .max(1024, 'an image reference is at most 1024 characters')
  .superRefine((value, ctx) => {
    const r = parseImageReference(value);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.error });
  });

const tagTargetSchema = z
  .string({ error: 'expected a target "repository:tag" (text)' })
  .max(1024, 'a tag is at most 1024 characters')
  .superRefine((value, ctx) => {
    const r = parseTagTarget(value);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.error });
  });

/** An image id ("sha256:…" or a hex prefix) or a "repo:tag" name of a local image. */
const imageRef = z
  .string({ error: 'expected an image id or name (text)' })
  .min(1, 'an image id or name is needed')
  .max(1024, 'an image id or name is at most 1024 characters')
  .regex(/^[^\s/?#][^\s?#]*$/, 'an image id or name has no spaces, "?" or "#"');

export const imagesApi = {
  /** Local images (no intermediate build layers), with shared/unique sizes and the containers using each. */
  list: method<ImageSummary[]>()(none),
  /** A snapshot, then one delta per change (image and container events; disk usage refreshed debounced). */
  watch: stream<Change<ImageSummary>>()(none),
  /** The full inspect, with a readable summary. */
  inspect: method<ImageDetails>()(z.object({ id: imageRef }).strict()),
  /** Each step of the image: the instruction that made it, its size and date. */
  history: method<ImageHistoryEntry[]>()(z.object({ id: imageRef }).strict()),
  /**
   * Remove an image (by id: every tag and the image) or one tag (by "repo:tag"). Without force, an
   * image used by containers is refused with a message naming them.
   */
  remove: method<ImageRemoveResult>()(z.object({ image: imageRef, force: z.boolean().default(false) }).strict()),
  /** What a prune would remove and the space it would free, computed first, before asking. */
  prunePreview: method<PrunePreview>()(z.object({ mode: z.enum(['dangling', 'unused']) }).strict()),
  /** Prune dangling images, or every image no container uses; returns what the engine freed. */
  prune: method<PruneResult>()(z.object({ mode: z.enum(['dangling', 'unused']) }).strict()),
  /** Pull by reference (name, tag or digest; any registry), with per-layer progress. Unsubscribe cancels. */
  pull: stream<TransferEvent>()(z.object({ reference: imageReferenceSchema }).strict()),
  /** Give an image another name. */
  tag: method<{ target: string }>()(z.object({ source: imageRef, target: tagTargetSchema }).strict()),
  /** Push "repo:tag" to its registry with per-layer progress (credentials from the Docker config). Unsubscribe cancels. */
  push: stream<TransferEvent>()(z.object({ reference: imageReferenceSchema }).strict()),
};
