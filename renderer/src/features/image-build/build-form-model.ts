import { buildArgs as buildArgsSchema, type BuildArgs } from '../../../../contract/domains/image-build.js';

export interface BuildArgRow {
  id: number;
  key: string;
  value: string;
}

export interface BuildForm {
  context: string;
  dockerfile: string;
  /** Tags separated by commas, spaces or new lines. */
  tags: string;
  args: BuildArgRow[];
  target: string;
  noCache: boolean;
}

export const emptyForm = (context = ''): BuildForm => ({ context, dockerfile: 'Dockerfile', tags: '', args: [], target: '', noCache: false });

export type FormErrors = Partial<Record<'context' | 'dockerfile' | 'tags' | 'args' | 'target', string>>;

/** The form as build arguments, checked with the contract's own schema (the back end checks again). */
export function toBuildArgs(form: BuildForm): { ok: true; args: BuildArgs } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {};
  const rows = form.args.filter((r) => r.key.trim() || r.value);
  const badRow = rows.find((r) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(r.key.trim()));
  if (badRow) errors.args = `Build arg name "${badRow.key.trim()}" must be letters, digits and "_", not starting with a digit (e.g. VERSION)`;
  const args: BuildArgs = {
    context: form.context.trim(),
    dockerfile: form.dockerfile.trim() || 'Dockerfile',
    tags: form.tags
      .split(/[\s,]+/)
      .map((t) => t.trim())
      .filter(Boolean),
    buildArgs: rows.map((r) => `${r.key.trim()}=${r.value}`),
    target: form.target.trim() || undefined,
    noCache: form.noCache,
  };
  const parsed = buildArgsSchema.safeParse(args);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path[0];
      const key = field === 'buildArgs' ? 'args' : field;
      if (key === 'context' || key === 'dockerfile' || key === 'tags' || key === 'args' || key === 'target') errors[key] ??= issue.message;
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, args };
}

/** What a form would build, in one comparable string: blank rows, spaces and tag separators do not count. */
function formKey(form: BuildForm): string {
  return JSON.stringify([
    form.context.trim(),
    form.dockerfile.trim() || 'Dockerfile',
    form.tags.split(/[\s,]+/).filter(Boolean),
    form.args.filter((r) => r.key.trim() || r.value).map((r) => [r.key.trim(), r.value]),
    form.target.trim(),
    form.noCache,
  ]);
}

/** The form would build something else than `from` (what it opened with, or the last build started): closing it loses that. */
export function isBuildFormChanged(form: BuildForm, from: BuildForm): boolean {
  return formKey(form) !== formKey(from);
}
