/**
 * A schema's message for one field, as a sentence. Some messages go on from the field's name ("is too
 * long", "must start with a letter"): they follow it ("The name is too long"). Others are whole
 * clauses ("a volume name is required", "the local driver accepts only …"): they stand alone,
 * capitalised, instead of reading "Driver options the local driver accepts only …".
 */
export function fieldMessage(label: string, message: string): string {
  if (/^(is|are|must|may|needs?|has|have|cannot|can't)\b/.test(message)) return `${label} ${message}`;
  return message.charAt(0).toUpperCase() + message.slice(1);
}
