
/** Placeholder until its feature lands: says so honestly. */
export function RegistriesPage() {
  return <p className="placeholder-note">Registries are not built yet.</p>;
}
