import { networkCreateIssues, networkSpecShape, type NetworkCheckContext, type NetworkCreateSpec, type NetworkIssue } from '../../../../contract/domains/network-create-spec.js';
import type { NetworkDriver } from '../../../../contract/models/networks.js';
import { parseKeyValueLines } from '../../lib/key-value-lines.js';

/** The create form as typed: free text everywhere, KEY=VALUE lines for labels and driver options. */
export interface NetworkDraft {
  name: string;
  driver: NetworkDriver;
  subnet: string;
  gateway: string;
  ipRange: string;
  ipv6: boolean;
  subnet6: string;
  gateway6: string;
  internal: boolean;
  attachable: boolean;
  labels: string;
  options: string;
}

export const emptyDraft: NetworkDraft = { name: '', driver: 'bridge', subnet: '', gateway: '', ipRange: '', ipv6: false, subnet6: '', gateway6: '', internal: false, attachable: false, labels: '', options: '' };

export type DraftErrors = Partial<Record<NetworkIssue['field'], string>>;

/** The draft as a spec to send, and every error per field (the same checks the back end makes). */
export function checkDraft(draft: NetworkDraft, context: NetworkCheckContext): { spec?: NetworkCreateSpec; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const labels = parseKeyValueLines(draft.labels, 'Labels');
  const options = parseKeyValueLines(draft.options, 'Driver options');
  if ('error' in labels) errors.labels = labels.error;
  if ('error' in options) errors.options = options.error;
  const parsed = networkSpecShape.safeParse({
    ...draft,
    subnet6: draft.ipv6 ? draft.subnet6 : '',
    gateway6: draft.ipv6 ? draft.gateway6 : '',
    labels: 'value' in labels ? labels.value : {},
    options: 'value' in options ? options.value : {},
  });
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const field = String(i.path[0] ?? 'name') as NetworkIssue['field'];
      errors[field] ??= schemaMessage(field, i.path.length > 1, i.message);
    }
    return { errors };
  }
  const spec = parsed.data;
  for (const issue of networkCreateIssues(spec, context)) errors[issue.field] ??= issue.message;
  return Object.keys(errors).length ? { errors } : { spec, errors };
}

const FIELD_NAMES: Record<string, string> = {
  name: 'The name',
  driver: 'The driver',
  subnet: 'The subnet',
  gateway: 'The gateway',
  ipRange: 'The IP range',
  subnet6: 'The IPv6 subnet',
  gateway6: 'The IPv6 gateway',
  labels: 'A label',
  options: 'A driver option',
};

/** The schema's terse "at most 128 characters" as a sentence naming the field ("The name is too long (at most 128 characters)"). */
function schemaMessage(field: string, inRecord: boolean, message: string): string {
  const what = inRecord ? `${FIELD_NAMES[field] ?? 'A value'} (its name or value)` : (FIELD_NAMES[field] ?? 'A value');
  if (/^at most \d+ characters$/.test(message)) return `${what} is too long (${message})`;
  return message.charAt(0).toUpperCase() + message.slice(1);
}
