/**
 * The Dockerfile instruction behind a history entry's created_by, as a user wrote it:
 * "/bin/sh -c #(nop)  CMD [\"sh\"]" → "CMD [\"sh\"]", "/bin/sh -c echo hi" → "RUN echo hi",
 * BuildKit's "RUN /bin/sh -c make # buildkit" → "RUN make".
 */
export function instructionOf(createdBy: string | undefined): string {
  let s = (createdBy ?? '').trim();
  if (!s) return '(unknown instruction)';
  s = s.replace(/\s*# buildkit$/, '');
  const nop = /^\/bin\/sh -c #\(nop\)\s*(.*)$/s.exec(s);
  if (nop) return nop[1]!.trim();
  // "|N K=v … /bin/sh -c cmd": the N build args are written unquoted (a value may hold spaces), so up to the first shell.
  const runShell = /^(?:RUN\s+)?(?:\|\d+ .*?)?\/bin\/sh -c (.*)$/s.exec(s);
  if (runShell) return `RUN ${runShell[1]!.trim()}`;
  return s;
}

/**
 * A step with no command but the engine's "Imported from SOURCE" comment is a `docker import`; said so in
 * words ("Imported from -" means from standard input, which tells a user nothing). Undefined otherwise.
 */
export function importedStep(createdBy: string | undefined, comment: string | undefined): string | undefined {
  if ((createdBy ?? '').trim()) return undefined;
  const source = /^Imported from (.*)$/s.exec((comment ?? '').trim())?.[1]?.trim();
  if (source === undefined) return undefined;
  return source && source !== '-' ? `Imported from ${source} (docker import)` : 'Imported (docker import)';
}
