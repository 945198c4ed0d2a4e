/** What a store slice may do to its own part of the root store (zustand's set/get, narrowed). */
export type SliceSet<S> = (partial: Partial<S> | ((state: S) => Partial<S>)) => void;
export type SliceGet<S> = () => S;
