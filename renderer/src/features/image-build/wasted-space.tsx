import type { WastedSpace as Wasted } from '../../../../contract/models/image-build.js';
import { formatBytes } from '../../lib/format/bytes.js';

/** Files that later layers overwrote or deleted: their earlier versions still take space in the image. */
export function WastedSpace({ wasted }: { wasted: Wasted }) {
  return (
    <section className="layers__wasted" aria-labelledby="layers-wasted-title">
      <h3 id="layers-wasted-title">Wasted space</h3>
      {wasted.count === 0 ? (
        <p className="muted">None: no layer overwrites or deletes a file that a lower layer added.</p>
      ) : (
        <>
          <p>
            <strong>{formatBytes(wasted.totalBytes)}</strong> in {wasted.count} file version{wasted.count === 1 ? '' : 's'} that later layers overwrote or deleted.
          </p>
          <table className="layers__wasted-table" aria-label="Wasted space by file">
            <thead>
              <tr>
                <th scope="col">Path</th>
                <th scope="col">Size</th>
                <th scope="col">Added in</th>
                <th scope="col">Then</th>
              </tr>
            </thead>
            <tbody>
              {wasted.top.map((w, i) => (
                <tr key={`${w.path}-${w.addedIn}-${i}`}>
                  <td className="mono">{w.path}</td>
                  <td>{formatBytes(w.size)}</td>
                  <td>layer {w.addedIn + 1}</td>
                  <td>
                    {w.how} in layer {w.removedIn + 1}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {wasted.count > wasted.top.length ? <p className="muted">The {wasted.top.length} largest of {wasted.count} are listed.</p> : null}
        </>
      )}
    </section>
  );
}
