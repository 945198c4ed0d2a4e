import { z } from 'zod';
import { method, stream } from '../define.js';
import type { BuildEvent, ImageLayers } from '../models/image-build.js';

const component = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const domainPart = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const domain = `${domainPart}(?:\\.${domainPart})*(?::[0-9]+)?`;
/** A Docker image reference to tag a build with: [registry[:port]/]path[:tag] (no digest). */
export const buildTagPattern = new RegExp(`^(?:${domain}/)?${component}(?:/${component})*(?::[\\w][\\w.-]{0,127})?$`);

/** Why a tag is not a valid reference, in words; undefined when it is valid. */
export function tagProblem(tag: string): string | undefined {
  if (!tag) return 'is empty';
  if (/\s/.test(tag)) return 'contains a space';
  if (tag.includes('@')) return 'cannot contain a digest (@sha256:…); use name:tag';
  if (tag.split(':').length > 1 && tag.lastIndexOf(':') > tag.lastIndexOf('/')) {
    const t = tag.slice(tag.lastIndexOf(':') + 1);
    if (!t) return 'has an empty tag after ":"';
    if (!/^[\w][\w.-]{0,127}$/.test(t)) return `has an invalid tag "${t}" (letters, digits, "_", "." and "-", at most 128, not starting with "." or "-")`;
  }
  if (tag.length > 255) return 'is longer than 255 characters';
  if (!buildTagPattern.test(tag)) {
    const name = tag.replace(/:[^/]*$/, '');
    const path = name.includes('/') && /[.:]|^localhost$/.test(name.split('/')[0]!) ? name.slice(name.indexOf('/') + 1) : name;
    if (/[A-Z]/.test(path)) return 'must be lowercase in the repository name';
    return 'is not a valid image reference (expected e.g. "myapp", "myapp:1.0" or "registry:5000/team/myapp:dev")';
  }
  return undefined;
}

/** KEY=VALUE, KEY a shell-style variable name. */
export const buildArgPattern = /^[A-Za-z_][A-Za-z0-9_]*=/;

const absolutePath = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `${what} is required`)
    .max(4096)
    .refine((p) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\'), `${what} must be an absolute path on the Berth back-end host`);

export const buildArgs = z
  .object({
    /** The build context: a folder on the back-end host. */
    context: absolutePath('The context folder'),
    /** The Dockerfile: relative to the context folder (default "Dockerfile") or absolute. */
    dockerfile: z.string().trim().min(1, 'The Dockerfile path is empty').max(4096).default('Dockerfile'),
    tags: z
      .array(z.string().trim().max(300))
      .max(20, 'At most 20 tags')
      .default([])
      .superRefine((tags, ctx) => {
        tags.forEach((t, i) => {
          const why = tagProblem(t);
          if (why) ctx.addIssue({ code: 'custom', path: [i], message: `Tag "${t}" ${why}` });
        });
      }),
    /** KEY=VALUE pairs. */
    buildArgs: z
      .array(z.string().max(65_536).regex(buildArgPattern, 'Build args must be KEY=VALUE with KEY made of letters, digits and "_" (e.g. VERSION=1.2)'))
      .max(200)
      .default([]),
    /** The stage to build (FROM … AS <target>). */
    target: z
      .string()
      .trim()
      .max(200)
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'The target must be a stage name from the Dockerfile (FROM … AS <name>)')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    noCache: z.boolean().default(false),
  })
  .strict();
export type BuildArgs = z.input<typeof buildArgs>;

export const imageBuildApi = {
  /** Build an image from a folder on the back-end host (classic builder); events stream live. Unsubscribing cancels. */
  build: stream<BuildEvent>()(buildArgs),
  /** The layers explorer: each layer's file changes, wasted space and layers shared with other local images. */
  layers: method<ImageLayers>()(z.object({ id: z.string().trim().min(1, 'The image id is required').max(300) }).strict()),
};
