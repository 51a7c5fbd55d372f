/** Watches a bundle's source files and calls back (debounced) when any of them changes. */
import { type FSWatcher, watch } from 'node:fs';

const DEBOUNCE_MS = 50;

export class SourceWatcher {
  private watchers: FSWatcher[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly onChange: () => void) {}

  /** Replaces the watched set (a rebuild may add or drop imports). */
  watch(files: string[]): void {
    this.close();
    for (const file of files) {
      try {
        const watcher = watch(file, () => this.changed());
        watcher.on('error', () => {});
        this.watchers.push(watcher);
      } catch {
        // Deleted between build and watch: the next build reports it.
      }
    }
  }

  close(): void {
    for (const watcher of this.watchers) watcher.close();
    this.watchers = [];
    clearTimeout(this.timer);
  }

  private changed(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.onChange, DEBOUNCE_MS);
  }
}
