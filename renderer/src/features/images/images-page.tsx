
/** Placeholder until its feature lands: says so honestly. */
export function ImagesPage() {
  return <p className="placeholder-note">Image management is not built yet.</p>;
}
