/** The last `capacity` lines of a log, in a fixed-size ring: constant memory however long the log runs. */
export class LogTail {
  private readonly ring: string[] = [];
  private next = 0;

  constructor(private readonly capacity = 50) {
    if (!(capacity > 0)) throw new RangeError(`LogTail capacity must be positive, got ${capacity}`);
  }

  push(line: string): void {
    if (this.ring.length < this.capacity) this.ring.push(line);
    else this.ring[this.next] = line;
    this.next = (this.next + 1) % this.capacity;
  }

  /** Oldest first. */
  lines(): string[] {
    return this.ring.length < this.capacity ? [...this.ring] : [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
  }
}
