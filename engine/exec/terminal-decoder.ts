/**
 * Decodes a terminal's byte stream to text. TTY output is raw UTF-8; a non-TTY attach is multiplexed
 * by the engine into frames (8-byte header: stream type, 3 zero bytes, payload size big-endian), which
 * are split here as they stream in (no frame is ever buffered whole), each stream with its own
 * streaming UTF-8 decoder so a character split across chunks or frames survives.
 */
export interface TerminalDecoder {
  push(chunk: Uint8Array): string;
  /** Flush what the decoders hold (an incomplete character becomes U+FFFD). */
  end(): string;
}

/** Raw UTF-8 (TTY): a streaming decoder, never `chunk.toString()`. */
export function rawDecoder(): TerminalDecoder {
  const dec = new TextDecoder('utf-8');
  return {
    push: (chunk) => dec.decode(chunk, { stream: true }),
    end: () => dec.decode(),
  };
}

const HEADER = 8;

/** Multiplexed stdout/stderr frames (non-TTY attach). stderr text is kept; stdin echo (type 0) too. */
export function demuxDecoder(): TerminalDecoder {
  const decoders = [new TextDecoder('utf-8'), new TextDecoder('utf-8'), new TextDecoder('utf-8')];
  const header = new Uint8Array(HEADER);
  let headerLen = 0;
  let remaining = 0;
  let stream = 1;
  return {
    push(chunk) {
      let out = '';
      let i = 0;
      while (i < chunk.length) {
        if (remaining === 0) {
          const take = Math.min(HEADER - headerLen, chunk.length - i);
          header.set(chunk.subarray(i, i + take), headerLen);
          headerLen += take;
          i += take;
          if (headerLen < HEADER) break;
          headerLen = 0;
          stream = header[0]! <= 2 ? header[0]! : 1;
          remaining = ((header[4]! << 24) >>> 0) + (header[5]! << 16) + (header[6]! << 8) + header[7]!;
          continue;
        }
        const take = Math.min(remaining, chunk.length - i);
        out += decoders[stream]!.decode(chunk.subarray(i, i + take), { stream: true });
        remaining -= take;
        i += take;
      }
      return out;
    },
    end() {
      return decoders.map((d) => d.decode()).join('');
    },
  };
}
