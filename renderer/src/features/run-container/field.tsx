import type { ReactNode } from 'react';

/** ARIA wiring for an input with an optional error: the message is its description, and it is marked invalid. */
export function fieldAria(id: string, error: string | undefined, hintId?: string) {
  const describedBy = [error ? `${id}-error` : '', hintId ?? ''].filter(Boolean).join(' ');
  return {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
  } as const;
}

/** The message under a field, next to the input it belongs to. */
export function FieldError({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <p className="run-field__error" id={`${id}-error`}>
      {error}
    </p>
  );
}

interface FieldProps {
  id: string;
  label: string;
  error?: string;
  hint?: ReactNode;
  children: ReactNode;
  wide?: boolean;
}

/** A labelled field: label above, the input, then a hint or the error. */
export function Field({ id, label, error, hint, children, wide }: FieldProps) {
  return (
    <div className={`run-field${wide ? ' run-field--wide' : ''}${error ? ' run-field--invalid' : ''}`}>
      <label className="run-field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {hint && !error ? (
        <p className="run-field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldError id={id} error={error} />
    </div>
  );
}
