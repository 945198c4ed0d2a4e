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
