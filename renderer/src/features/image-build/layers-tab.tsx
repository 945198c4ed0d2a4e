
/** Placeholder until its feature lands: says so honestly. */
export function LayersTab(_props: { imageId: string }) {
  return <p className="placeholder-note">The layers explorer is not built yet.</p>;
}
