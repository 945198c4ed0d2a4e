
/** Placeholder until its feature lands: says so honestly. */
export function ContainerDetailsPage({ id }: { id: string; tab?: string }) {
  return <p className="placeholder-note">Container details for {id} are not built yet.</p>;
}
