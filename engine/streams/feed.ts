/** What `feed` writes into: a Node Writable, or tar-stream's extractor (whose typings are not Node's). */
export interface FeedTarget {
  write(chunk: unknown): boolean;
  end(chunk?: unknown): unknown;
  once(event: 'drain' | 'close', listener: () => void): unknown;
  destroy(err?: Error): void;
  readonly destroyed: boolean;
}

/**
 * Copy a byte stream into `target`, waiting for 'drain' when it is full, then end it. A failing source
 * destroys the target; a target destroyed early stops the copy (and so the source's iteration). What
 * `source.pipe(target)` does, without a cast between stream typings.
 */
export function feed(source: AsyncIterable<unknown>, target: FeedTarget): void {
  void (async () => {
    try {
      for await (const chunk of source) {
        if (target.destroyed) return;
        if (!target.write(chunk)) {
          await new Promise<void>((resolve) => {
            target.once('drain', resolve);
            target.once('close', resolve);
          });
        }
      }
      if (!target.destroyed) target.end();
    } catch (err) {
      target.destroy(err instanceof Error ? err : new Error(String(err)));
    }
  })();
}
