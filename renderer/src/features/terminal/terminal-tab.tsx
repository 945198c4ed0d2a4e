
/** Placeholder until its feature lands: says so honestly. */
export function TerminalTab(_props: { id: string }) {
  return <p className="placeholder-note">The terminal is not built yet.</p>;
}
