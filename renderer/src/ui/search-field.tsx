import { SearchIcon } from './icons.js';
// The list pages' stylesheet (this field's styles too): through this import it is in the main bundle once, before any page's own CSS.
import './list-page.css';

export interface SearchFieldProps {
  /** The field's accessible name, e.g. "Filter containers". */
  label: string;
  value: string;
  onChange(value: string): void;
  placeholder?: string;
  title?: string;
}

/** A toolbar search box with its icon; Escape clears it. */
export function SearchField({ label, value, onChange, placeholder, title }: SearchFieldProps) {
  return (
    <label className="search">
      <SearchIcon className="search__icon" width={16} height={16} />
      <input
        type="search"
        className="search__input"
        aria-label={label}
        placeholder={placeholder}
        title={title}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onChange('');
        }}
      />
    </label>
  );
}
