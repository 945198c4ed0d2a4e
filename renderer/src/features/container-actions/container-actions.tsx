import type { ContainerState } from '../../../../contract/index.js';
/** Placeholder until its feature lands: says so honestly. */
export function ContainerActions(_props: { id: string; name: string; state: ContainerState }) {
  return <p className="placeholder-note"></p>;
}
