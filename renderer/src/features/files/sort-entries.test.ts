import { describe, expect, it } from 'vitest';
import type { FileEntry } from '../../../../contract/models/container-files.js';
import { nextSortOrder, sortFileEntries } from './sort-entries.js';

const e = (name: string, kind: FileEntry['kind'], size: number, mtime: number): FileEntry => ({ name, kind, size, mtime, mode: '' });
const list = [e('b.txt', 'file', 10, 3), e('zdir', 'dir', 0, 1), e('a.txt', 'file', 30, 2), e('adir', 'dir', 0, 5), e('c.txt', 'file', 20, 1)];
const names = (l: FileEntry[]) => l.map((x) => x.name);

describe('sortFileEntries', () => {
  it('keeps folders first and sorts each group by the column, either way', () => {
    expect(names(sortFileEntries(list, { key: 'name', dir: 'asc' }))).toEqual(['adir', 'zdir', 'a.txt', 'b.txt', 'c.txt']);
    expect(names(sortFileEntries(list, { key: 'name', dir: 'desc' }))).toEqual(['zdir', 'adir', 'c.txt', 'b.txt', 'a.txt']);
    expect(names(sortFileEntries(list, { key: 'size', dir: 'desc' }))).toEqual(['zdir', 'adir', 'a.txt', 'c.txt', 'b.txt']);
    expect(names(sortFileEntries(list, { key: 'mtime', dir: 'asc' }))).toEqual(['zdir', 'adir', 'c.txt', 'a.txt', 'b.txt']);
  });
});

describe('nextSortOrder', () => {
  it('turns the same column round, and starts another by name A→Z or by size and date largest and newest first', () => {
    expect(nextSortOrder({ key: 'name', dir: 'asc' }, 'name')).toEqual({ key: 'name', dir: 'desc' });
    expect(nextSortOrder({ key: 'size', dir: 'desc' }, 'size')).toEqual({ key: 'size', dir: 'asc' });
    expect(nextSortOrder({ key: 'name', dir: 'asc' }, 'size')).toEqual({ key: 'size', dir: 'desc' });
    expect(nextSortOrder({ key: 'size', dir: 'asc' }, 'mtime')).toEqual({ key: 'mtime', dir: 'desc' });
    expect(nextSortOrder({ key: 'mtime', dir: 'desc' }, 'name')).toEqual({ key: 'name', dir: 'asc' });
  });
});
