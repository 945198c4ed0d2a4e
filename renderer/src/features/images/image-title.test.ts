import { describe, expect, it } from 'vitest';
import { hashQueryParam, parseHashParams } from '../../app/routes.js';
import { imageDetailsHref, imageHeading } from './image-title.js';

const image = { repoTags: ['a:1', 'b:2', 'c:3'], shortId: '0123456789ab' };

describe('image details title', () => {
  it('is the tag the page was opened by, with the other tags listed', () => {
    expect(imageHeading(image, 'b:2')).toEqual({ title: 'b:2', tag: 'b:2', otherTags: ['a:1', 'c:3'] });
    expect(imageHeading(image, 'c:3')).toEqual({ title: 'c:3', tag: 'c:3', otherTags: ['a:1', 'b:2'] });
  });

  it('falls back to the first tag when opened without one, or by a tag the image no longer has', () => {
    expect(imageHeading(image)).toEqual({ title: 'a:1', tag: 'a:1', otherTags: ['b:2', 'c:3'] });
    expect(imageHeading(image, 'gone:9')).toEqual({ title: 'a:1', tag: 'a:1', otherTags: ['b:2', 'c:3'] });
  });

  it('a dangling image is titled by its short id', () => {
    expect(imageHeading({ repoTags: [], shortId: '0123456789ab' }, 'a:1')).toEqual({ title: '0123456789ab', tag: undefined, otherTags: [] });
  });

  it('the link carries the tag, and the route gives back the id, the tab and the tag', () => {
    const href = imageDetailsHref('sha256:abc', 'inspect', 'reg.example:5000/team/app:2');
    expect(parseHashParams(href)).toEqual(['sha256:abc', 'inspect']);
    expect(hashQueryParam(href, 'tag')).toBe('reg.example:5000/team/app:2');
    expect(imageDetailsHref('sha256:abc', 'history')).toBe('#/images/sha256%3Aabc/history');
    expect(hashQueryParam(imageDetailsHref('sha256:abc', 'history'), 'tag')).toBeUndefined();
  });
});
