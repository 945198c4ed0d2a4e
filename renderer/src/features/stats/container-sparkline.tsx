/** Placeholder until stats land: a tiny CPU sparkline for a list row. Renders nothing yet. */
export function ContainerSparkline(_props: { id: string }) {
  return null;
}
