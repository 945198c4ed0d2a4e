import { fileNameSchema, joinContainerPath } from '../../../../contract/domains/container-files.js';

/**
 * Why `name` cannot be the name of a new folder in `dir` (whose entries are `taken`), or undefined
 * when it can. The same rules as the back end's (fileNameSchema), worded for the form, plus a name
 * already taken in the folder as listed.
 */
export function folderNameProblem(name: string, dir: string, taken: readonly string[]): string | undefined {
  if (!name.trim()) return 'Enter a name for the folder.';
  if (name === '.' || name === '..') return `“${name}” cannot be a folder name.`;
  if (name.includes('/')) return 'A folder name cannot contain “/”: make one folder at a time.';
  const parsed = fileNameSchema.safeParse(name);
  if (!parsed.success) return `The folder name ${parsed.error.issues[0]?.message ?? 'is not valid'}.`;
  if (taken.includes(name)) return `${joinContainerPath(dir, name)} already exists.`;
  return undefined;
}
