/** The details page of an image, opened on `tab`; `tag` (the row's tag) names the page, when given. */
export function imageDetailsHref(id: string, tab: string, tag?: string): string {
  const base = `#/images/${encodeURIComponent(id)}/${tab}`;
  return tag ? `${base}?${new URLSearchParams({ tag }).toString()}` : base;
}

export interface ImageHeading {
  /** The page title: the tag it was opened by, else its first tag, else its short id (dangling). */
  title: string;
  /** That tag, or undefined for a dangling image. */
  tag?: string;
  /** Its other tags, in the engine's order. */
  otherTags: string[];
}

/** Title an image's page by the tag it was opened from (one row per tag), when the image still has that tag. */
export function imageHeading(image: { repoTags: readonly string[]; shortId: string }, opened?: string): ImageHeading {
  const tag = opened !== undefined && image.repoTags.includes(opened) ? opened : image.repoTags[0];
  return { title: tag ?? image.shortId, tag, otherTags: image.repoTags.filter((t) => t !== tag) };
}
