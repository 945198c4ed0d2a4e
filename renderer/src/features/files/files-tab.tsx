
/** Placeholder until its feature lands: says so honestly. */
export function FilesTab(_props: { id: string }) {
  return <p className="placeholder-note">The file browser is not built yet.</p>;
}
