
/** Placeholder until its feature lands: says so honestly. */
export function RecentlyRemovedPage() {
  return <p className="placeholder-note">The recycle bin is not built yet.</p>;
}
