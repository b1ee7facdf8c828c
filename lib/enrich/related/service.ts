/**
 * Keeps the related-talks index of the background worker: loaded from its IndexedDB snapshot
 * when that snapshot matches the archive version, else rebuilt from the archive; updated in place
 * with the talks a sync changed, then saved again. MV3 workers die after ~30 s idle, so a cold
 * worker must get the index back in one read rather than by re-tokenising 20,000 talks.
 */
import { ARCHIVE_VERSION_KEY, RELATED_SNAPSHOT_KEY, type AftertalkDb } from '../../archive/db';
import type { StoredTalk } from '../../archive/talk';
import { archiveVersionOf } from '../../archive/merge';
import { RelatedIndex, type RelatedDoc } from './index';

/** Talks tokenised per slice of a rebuild: ~100 ms of work on a slow machine. */
const BUILD_SLICE = 500;

export interface RelatedQuery {
  query(doc: RelatedDoc, opts: { limit: number; excludeIds?: string[] }): Promise<{ id: string; score: number }[]>;
  /** Gets the index ready (loads it in a fresh worker) ahead of a query that is coming. */
  warm?(): Promise<void>;
  /** Whether the index is in memory, so a query does not wait for its snapshot to load. */
  isLoaded?(): boolean;
}

interface StoredSnapshot {
  archiveVersion: number;
  snapshot: unknown;
}

export function toRelatedDoc(talk: StoredTalk): RelatedDoc {
  return {
    id: talk.id,
    title: talk.title,
    speakers: talk.speakers,
    tags: talk.tags,
    conference: talk.conference,
    description: talk.description,
  };
}

/** A saved snapshot (the `meta` record's value) as an index, when it was saved at `archiveVersion`. */
function indexFromSaved(value: unknown, archiveVersion: number): RelatedIndex | null {
  const saved = value as StoredSnapshot | undefined;
  return saved?.archiveVersion === archiveVersion ? RelatedIndex.fromSnapshot(saved.snapshot) : null;
}

export class RelatedTalksService implements RelatedQuery {
  private loaded: { index: RelatedIndex; archiveVersion: number } | null = null;
  /** All work runs one step at a time, so a sync's update never interleaves with a rebuild. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly db: AftertalkDb) {}

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The saved snapshot as an index, when it was saved at `archiveVersion`. */
  private async loadSnapshot(archiveVersion: number): Promise<RelatedIndex | null> {
    return indexFromSaved((await this.db.meta.get(RELATED_SNAPSHOT_KEY))?.value, archiveVersion);
  }

  /** The current index; loads or rebuilds it when the worker is fresh or the archive moved on. */
  private async current(): Promise<RelatedIndex> {
    // Only this worker's merges move the archive version, and each one updates the index in
    // memory through `applyMerge`: once loaded, the index is current without asking IndexedDB.
    if (this.loaded) return this.loaded.index;
    // One read for both: a woken worker's first lookup waits for it.
    const [versionRecord, savedRecord] = await this.db.meta.bulkGet([ARCHIVE_VERSION_KEY, RELATED_SNAPSHOT_KEY]);
    // Checking the snapshot takes 20 to 40 ms at 20,000 talks: a box's first answer (the recording,
    // lib/enrich/answer/lookup.ts `relatedLater`) whose reads are done by now goes out first.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const version = archiveVersionOf(versionRecord);
    const fromSnapshot = indexFromSaved(savedRecord?.value, version);
    if (fromSnapshot) {
      this.loaded = { index: fromSnapshot, archiveVersion: version };
      return fromSnapshot;
    }
    const index = await this.buildInSlices();
    this.loaded = { index, archiveVersion: version };
    await this.save();
    return index;
  }

  /**
   * Tokenising 20,000 talks takes seconds: done in one go it would freeze the worker, and with
   * it polls, popup requests and schedule-page lookups. Pages of talks (short read transactions)
   * go into the index one after the other, yielding to the event loop in between; the result is
   * the same index `RelatedIndex.build` gives.
   */
  private async buildInSlices(): Promise<RelatedIndex> {
    const index = RelatedIndex.empty();
    let last: string | undefined;
    for (;;) {
      const page: StoredTalk[] = await (
        last === undefined ? this.db.talks.orderBy(':id') : this.db.talks.where(':id').above(last)
      )
        .limit(BUILD_SLICE)
        .toArray();
      if (!page.length) return index;
      index.upsert(page.map(toRelatedDoc));
      last = page[page.length - 1]!.id;
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  private async save(): Promise<void> {
    if (!this.loaded) return;
    const value: StoredSnapshot = {
      archiveVersion: this.loaded.archiveVersion,
      snapshot: this.loaded.index.toSnapshot(),
    };
    await this.db.meta.put({ key: RELATED_SNAPSHOT_KEY, value });
  }

  query(doc: RelatedDoc, opts: { limit: number; excludeIds?: string[] }): Promise<{ id: string; score: number }[]> {
    return this.serial(async () => (await this.current()).query(doc, opts));
  }

  /**
   * After a merge: re-index just the changed talks when the index in memory is exactly one
   * version behind; otherwise the next `current()` reloads or rebuilds as needed.
   */
  applyMerge(changedIds: string[], archiveVersion: number): Promise<void> {
    const work = this.serial(async () => {
      if (!changedIds.length) return;
      const previous = archiveVersion - 1;
      if (this.loaded?.archiveVersion !== previous) {
        // A worker woken by the poll alarm has nothing in memory: the snapshot of the version
        // before this merge is as good, and far cheaper than re-tokenising the archive.
        const index = await this.loadSnapshot(previous);
        this.loaded = index ? { index, archiveVersion: previous } : null;
      }
      if (!this.loaded) {
        await this.current();
        return;
      }
      const talks = await this.db.talks.bulkGet(changedIds);
      this.loaded.index.upsert(talks.filter((t): t is StoredTalk => !!t).map(toRelatedDoc));
      this.loaded.archiveVersion = archiveVersion;
      await this.save();
    });
    // An update that failed half-way must not leave a stale index in memory: reload next time.
    work.catch(() => {
      this.loaded = null;
    });
    return work;
  }

  isLoaded(): boolean {
    return this.loaded !== null;
  }

  /** Builds (or loads) the index ahead of the first page visit, e.g. right after a sync. */
  warm(): Promise<void> {
    return this.serial(async () => {
      await this.current();
    });
  }
}
