/**
 * The engine's words when it refuses a build before running a step (HTTP 400), said for the form the
 * user filled in. Anything not recognised keeps the engine's words.
 */
export function buildRefusalMessage(message: string): string {
  const target = /^failed to reach build target (\S+) in Dockerfile$/i.exec(message.trim());
  if (target) return `The Dockerfile has no stage named "${target[1]}": correct the Target stage, or leave it empty to build the last stage (stages are named with FROM … AS name)`;
  return message;
}
