import { describe, expect, it } from 'vitest';
import { folderNameProblem } from './folder-name.js';

describe('folderNameProblem', () => {
  it('accepts a fresh name, spaces and dots inside included', () => {
    expect(folderNameProblem('logs', '/var', ['lib'])).toBeUndefined();
    expect(folderNameProblem('my .config', '/', [])).toBeUndefined();
    expect(folderNameProblem('...', '/', [])).toBeUndefined();
  });

  it('refuses empty, ".", "..", a slash, NUL, too long and a taken name, each with its own reason', () => {
    expect(folderNameProblem('', '/var', [])).toBe('Enter a name for the folder.');
    expect(folderNameProblem('   ', '/var', [])).toBe('Enter a name for the folder.');
    expect(folderNameProblem('.', '/var', [])).toBe('“.” cannot be a folder name.');
    expect(folderNameProblem('..', '/var', [])).toBe('“..” cannot be a folder name.');
    expect(folderNameProblem('/', '/var', [])).toBe('A folder name cannot contain “/”: make one folder at a time.');
    expect(folderNameProblem('a/b', '/var', [])).toBe('A folder name cannot contain “/”: make one folder at a time.');
    expect(folderNameProblem('a\0b', '/var', [])).toBe('The folder name must not contain "/" or a NUL character.');
    expect(folderNameProblem('x'.repeat(256), '/var', [])).toBe('The folder name is too long (at most 255 characters).');
    expect(folderNameProblem('lib', '/var', ['lib', 'log'])).toBe('/var/lib already exists.');
    expect(folderNameProblem('etc', '/', ['etc'])).toBe('/etc already exists.');
  });
});
