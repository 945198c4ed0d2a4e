
/** Placeholder until its feature lands: says so honestly. */
export function StatsTab(_props: { id: string }) {
  return <p className="placeholder-note">Stats are not built yet.</p>;
}
