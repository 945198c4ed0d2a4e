import type { DirListing } from '../../../../contract/models/container-files.js';

/** Says that a very large folder's listing stops short (the back end caps it); nothing otherwise. */
export function TruncatedNote({ listing }: { listing: DirListing | undefined }) {
  if (!listing?.truncated) return null;
  return (
    <p className="inline-warning" role="status">
      This folder is very large: only the first {listing.entries.length.toLocaleString()} entries are shown.
    </p>
  );
}
