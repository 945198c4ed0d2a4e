import { useId } from 'react';
import type { InfoField } from './selectors.js';

/**
 * A titled card of label/value pairs, as a two-column table named by the card title, with the
 * label as row header: `getByRole('table', { name: 'Server' }).getByRole('row', { name: /^Server version / })`.
 */
export function InfoCard({ title, fields }: { title: string; fields: readonly InfoField[] }) {
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}title`}>
      <h2 className="card__title" id={`${id}title`}>
        {title}
      </h2>
      <table className="fields" aria-labelledby={`${id}title`}>
        <tbody>
          {fields.map((f) => (
            <tr key={f.label}>
              <th scope="row">{f.label}</th>
              <td className={f.mono ? 'mono' : undefined}>{f.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
