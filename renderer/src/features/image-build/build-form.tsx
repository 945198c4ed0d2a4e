import type { BuildForm, FormErrors } from './build-form-model.js';

interface Props {
  form: BuildForm;
  errors: FormErrors;
  disabled: boolean;
  onChange(form: BuildForm): void;
}

/** The build's inputs: context folder, Dockerfile, tags, build args (rows), target and no-cache. */
export function BuildFormFields({ form, errors, disabled, onChange }: Props) {
  const set = (patch: Partial<BuildForm>) => onChange({ ...form, ...patch });
  const field = (id: keyof FormErrors) => (errors[id] ? { 'aria-invalid': true as const, 'aria-describedby': `build-${id}-error` } : {});
  const err = (id: keyof FormErrors) =>
    errors[id] ? (
      <span className="build-form__error" id={`build-${id}-error`} role="alert">
        {errors[id]}
      </span>
    ) : null;
  return (
    <fieldset className="build-form" disabled={disabled}>
      <label className="build-form__field build-form__field--wide">
        <span>Context folder</span>
        <input type="text" value={form.context} placeholder="/path/to/project on the Berth host" spellCheck={false} autoFocus onChange={(e) => set({ context: e.target.value })} {...field('context')} />
        {err('context')}
      </label>
      <label className="build-form__field">
        <span>Dockerfile</span>
        <input type="text" value={form.dockerfile} spellCheck={false} onChange={(e) => set({ dockerfile: e.target.value })} {...field('dockerfile')} />
        {err('dockerfile')}
      </label>
      <label className="build-form__field">
        <span>Target stage</span>
        <input type="text" value={form.target} placeholder="(last stage)" spellCheck={false} onChange={(e) => set({ target: e.target.value })} {...field('target')} />
        {err('target')}
      </label>
      <label className="build-form__field build-form__field--wide">
        <span>Tags</span>
        <input type="text" value={form.tags} placeholder="myapp:dev, registry:5000/team/myapp:1.0" spellCheck={false} onChange={(e) => set({ tags: e.target.value })} {...field('tags')} />
        {err('tags')}
      </label>
      <div className="build-form__field build-form__field--wide">
        <span id="build-args-label">Build args</span>
        {form.args.map((row, i) => (
          <div className="build-form__arg" key={row.id}>
            <input
              type="text"
              aria-label={`Build arg ${i + 1} name`}
              placeholder="NAME"
              value={row.key}
              spellCheck={false}
              onChange={(e) => set({ args: form.args.map((r) => (r.id === row.id ? { ...r, key: e.target.value } : r)) })}
            />
            <span aria-hidden="true">=</span>
            <input
              type="text"
              aria-label={`Build arg ${i + 1} value`}
              placeholder="value"
              value={row.value}
              spellCheck={false}
              onChange={(e) => set({ args: form.args.map((r) => (r.id === row.id ? { ...r, value: e.target.value } : r)) })}
            />
            <button type="button" className="btn btn--small" aria-label={`Remove build arg ${i + 1}`} onClick={() => set({ args: form.args.filter((r) => r.id !== row.id) })}>
              Remove
            </button>
          </div>
        ))}
        <button type="button" className="btn btn--small build-form__add" onClick={() => set({ args: [...form.args, { id: Math.max(0, ...form.args.map((r) => r.id)) + 1, key: '', value: '' }] })}>
          Add build arg
        </button>
        {err('args')}
      </div>
      <label className="build-form__check">
        <input type="checkbox" checked={form.noCache} onChange={(e) => set({ noCache: e.target.checked })} />
        <span>No cache (run every step again)</span>
      </label>
    </fieldset>
  );
}
