import { parseImageReference } from '../../contract/image-reference.js';
import { registryError } from '../images/registry-errors.js';

/**
 * A FROM step fails when the engine cannot pull its base image; the engine then says it in Go's words
 * (`Get "http://127.0.0.1:5999/v2/": dial tcp …: connection refused`). Say it as a pull does instead:
 * registry unreachable, image not found, or access refused. Any other failure keeps the engine's words,
 * and so does a FROM whose image is not a plain reference (a build arg, e.g. FROM $BASE).
 */
export function fromStepMessage(message: string, instruction: string | undefined): string {
  const image = fromImage(instruction);
  if (!image) return message;
  const ref = parseImageReference(image);
  return ref.ok ? registryError(message, ref.ref, 'pull').message : message;
}

/** The image of "FROM [--platform=…] image [AS name]", undefined for other instructions. */
function fromImage(instruction: string | undefined): string | undefined {
  const words = instruction?.trim().split(/\s+/) ?? [];
  if (words[0]?.toUpperCase() !== 'FROM') return undefined;
  const image = words.slice(1).find((w) => !w.startsWith('--'));
  return image && !image.includes('$') ? image : undefined;
}
