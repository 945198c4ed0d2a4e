
/** Placeholder until its feature lands: says so honestly. */
export function ImageDetailsPage({ id }: { id: string; tab?: string }) {
  return <p className="placeholder-note">Image details for {id} are not built yet.</p>;
}
