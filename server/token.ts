import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** 256 random bits, URL-safe. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

export class TokenFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenFileError';
  }
}

export const MIN_TOKEN_LENGTH = 16;

/** Reads the token from a file (surrounding whitespace trimmed). A missing, unreadable or empty file is an error. */
export async function readTokenFile(path: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'it is a directory' : (err as Error).message;
    throw new TokenFileError(`Cannot read the token file ${path}: ${why}.`);
  }
  const token = text.trim();
  if (!token) throw new TokenFileError(`The token file ${path} is empty; put the access token in it.`);
  if (!/^[!#-+\--:<-[\]-~]+$/.test(token)) {
    throw new TokenFileError(`The token file ${path} must hold one token of printable ASCII without spaces, quotes, commas, semicolons or backslashes.`);
  }
  if (token.length < MIN_TOKEN_LENGTH) {
    throw new TokenFileError(`The token in ${path} is too short (${token.length} characters); use at least ${MIN_TOKEN_LENGTH}, e.g. from \`openssl rand -base64 32\`.`);
  }
  return token;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** Constant-time comparison (hashing first makes the time independent of the lengths, too). */
export function tokensMatch(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  return timingSafeEqual(digest(given), digest(expected));
}
