/**
 * Image references ("name[:tag][@digest]"), parsed and normalised the way the Docker engine does
 * (distribution/reference): docker.io is the default registry, one-component Docker Hub names get
 * "library/", a first component with "." or ":" (or "localhost") is a registry host[:port].
 * Pure TypeScript so the renderer validates before sending and the back end validates again.
 */
export interface ImageReference {
  /** Registry host[:port], "docker.io" by default. */
  domain: string;
  /** Repository path inside the registry, e.g. "library/nginx". */
  path: string;
  tag?: string;
  digest?: string;
}

export type ReferenceResult = { ok: true; ref: ImageReference } | { ok: false; error: string };

export const DEFAULT_DOMAIN = 'docker.io';
const LEGACY_DOMAIN = 'index.docker.io';
const MAX_NAME = 255;

const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_RE = new RegExp(`^(?:${domainComponent}(?:\\.${domainComponent})*|\\[[a-fA-F0-9:]+\\])(?::([0-9]+))?$`);
const PATH_COMPONENT_RE = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG_RE = /^[\w][\w.-]{0,127}$/;
const DIGEST_RE = /^([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*):([0-9a-fA-F]{32,})$/;

/** Parse a reference; `{ ok: false, error }` names what is wrong, e.g. `Invalid reference "Foo": repository names must be lowercase`. */
export function parseImageReference(input: string): ReferenceResult {
  const text = input.trim();
  const fail = (why: string): ReferenceResult => ({ ok: false, error: `Invalid reference "${text}": ${why}` });
  if (!text) return { ok: false, error: 'Enter an image reference, e.g. nginx:latest or registry.example.com:5000/team/app:1.2' };
  if (/\s/.test(text)) return fail('it must not contain spaces');
  // A URL pasted from a browser or a registry's web page: say what to leave out.
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(text);
  if (scheme) return fail(`leave out "${scheme[0]}": an image reference starts with the registry host, e.g. ${text.slice(scheme[0].length) || 'registry.example.com/team/app:1.2'}`);

  let name = text;
  let digest: string | undefined;
  const at = name.indexOf('@');
  if (at >= 0) {
    digest = name.slice(at + 1);
    name = name.slice(0, at);
    if (!digest) return fail("a digest is missing after '@' (e.g. @sha256:<64 hex digits>)");
    const m = DIGEST_RE.exec(digest);
    if (!m) return fail(`digest "${digest}" is invalid: expected an algorithm and hex digits, e.g. sha256:<64 hex digits>`);
    if (m[1] === 'sha256' && !/^[a-f0-9]{64}$/.test(m[2]!)) return fail(`digest "${digest}" is invalid: sha256 takes exactly 64 lowercase hex digits`);
  }

  let tag: string | undefined;
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
    if (!tag) return fail("a tag is missing after ':'");
    if (!TAG_RE.test(tag)) return fail(`tag "${tag}" is invalid: use letters, digits, "_", "." and "-", at most 128 characters, not starting with "." or "-"`);
  }
  if (!name) return fail('the repository name is missing');

  let domain = DEFAULT_DOMAIN;
  let path = name;
  const slash = name.indexOf('/');
  if (slash >= 0) {
    const first = name.slice(0, slash);
    if (/[.:]/.test(first) || first === 'localhost' || first.toLowerCase() !== first) {
      domain = first;
      path = name.slice(slash + 1);
    }
  }
  const dm = DOMAIN_RE.exec(domain);
  if (!dm) return fail(`registry "${domain}" is not a valid host[:port]`);
  if (dm[1] !== undefined) {
    const port = Number(dm[1]);
    if (!(port >= 1 && port <= 65535)) return fail(`registry port ${dm[1]} is out of range (1-65535)`);
  }
  if (domain === LEGACY_DOMAIN) domain = DEFAULT_DOMAIN;
  if (!path) return fail('the repository name is missing after the registry');

  for (const component of path.split('/')) {
    if (!component) return fail('the repository name has an empty component ("//" or a trailing "/")');
    if (component.toLowerCase() !== component) return fail('repository names must be lowercase');
    if (!PATH_COMPONENT_RE.test(component)) {
      return fail(`"${component}" is not a valid repository name component: use lowercase letters and digits, separated by ".", "_", "__" or "-"`);
    }
  }
  if (domain === DEFAULT_DOMAIN && !path.includes('/')) path = `library/${path}`;
  if (domain.length + 1 + path.length > MAX_NAME) return fail(`the repository name is longer than ${MAX_NAME} characters`);
  const ref: ImageReference = { domain, path };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return { ok: true, ref };
}

/** The fully qualified repository name, e.g. "docker.io/library/nginx". */
export function repositoryName(ref: ImageReference): string {
  return `${ref.domain}/${ref.path}`;
}

/** The name the way `docker images` shows it: "nginx", "user/app", "127.0.0.1:5000/team/app". */
export function familiarRepository(ref: ImageReference): string {
  if (ref.domain !== DEFAULT_DOMAIN) return `${ref.domain}/${ref.path}`;
  return ref.path.startsWith('library/') && ref.path.split('/').length === 2 ? ref.path.slice('library/'.length) : ref.path;
}

/** Familiar form with tag and digest, e.g. "nginx:1.27" or "127.0.0.1:5000/app@sha256:…". */
export function formatReference(ref: ImageReference): string {
  return `${familiarRepository(ref)}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
}

/** "latest" when the reference names neither a tag nor a digest (what `docker pull nginx` does). */
export function withDefaultTag(ref: ImageReference): ImageReference {
  return ref.tag === undefined && ref.digest === undefined ? { ...ref, tag: 'latest' } : ref;
}

/** Parse a reference meant as a tag target: a tag is allowed, a digest is not. */
export function parseTagTarget(input: string): ReferenceResult {
  const r = parseImageReference(input);
  if (r.ok && r.ref.digest !== undefined) return { ok: false, error: `Invalid tag "${input.trim()}": a tag cannot contain a digest (@…)` };
  return r;
}
