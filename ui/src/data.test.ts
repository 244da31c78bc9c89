import { act, renderHook } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FeedCursor, useChangeFeed } from "./data";
import { setBackend, type ChangeFeed, type ChangeFeedItem, type EntityType } from "./ipc";

function item(id: number, type: EntityType = "measure", entityId = id): ChangeFeedItem {
  return {
    changeset_id: id,
    actor: "kollegin",
    at: "2026-12-02T10:00:00.000Z",
    action: "measure.update",
    reason: null,
    comment_id: null,
    entities: [[type, entityId, 2]],
  };
}

/** A PostgreSQL-like change feed: ids are handed out in order, but committed in any order. */
class Feed {
  committed = new Map<number, ChangeFeedItem>();
  asked: number[] = [];
  commit(...items: ChangeFeedItem[]): void {
    for (const i of items) this.committed.set(i.changeset_id, i);
  }
  /** What `changes_since` in src-tauri answers. */
  changesSince(after: number): ChangeFeed {
    this.asked.push(after);
    const latest = Math.max(0, ...this.committed.keys());
    const items = latest > after ? [...this.committed.values()].filter((i) => i.changeset_id > after).sort((a, b) => a.changeset_id - b.changeset_id) : [];
    return { latest, items: items.slice(0, 500) };
  }
}

function poll(cursor: FeedCursor, feed: Feed) {
  const after = cursor.after();
  return cursor.take(after, feed.changesSince(after));
}

describe("team-mode polling of the change feed", () => {
  it("picks up a changeset committed late with a lower id, and applies nothing twice", () => {
    const feed = new Feed();
    feed.commit(item(9), item(10));
    const cursor = new FeedCursor();
    expect(poll(cursor, feed)).toBeNull(); // learns where the feed stands
    expect(cursor.after()).toBe(10);

    // 11 and 12 are handed out; 12 commits first.
    feed.commit(item(12));
    expect(poll(cursor, feed)?.items.map((i) => i.changeset_id)).toEqual([12]);
    // 11 is missing below the newest id: the next poll asks again from below it.
    expect(cursor.after()).toBe(10);
    expect(poll(cursor, feed)).toBeNull(); // nothing new: 12 is not applied again

    feed.commit(item(11));
    const news = poll(cursor, feed);
    expect(news?.items.map((i) => i.changeset_id)).toEqual([11]);
    expect(news?.everything).toBe(false);
    // No gap left: back to asking from the newest id, which costs one statement.
    expect(cursor.after()).toBe(12);
    expect(poll(cursor, feed)).toBeNull();
    expect(feed.asked).toEqual([Number.MAX_SAFE_INTEGER, 10, 10, 10, 12]);
  });

  it("gives up on an id that never arrives (a rolled-back transaction)", () => {
    const feed = new Feed();
    feed.commit(item(1));
    const cursor = new FeedCursor();
    poll(cursor, feed);
    feed.commit(item(3));
    expect(poll(cursor, feed)?.items.map((i) => i.changeset_id)).toEqual([3]);
    let polls = 0;
    while (cursor.after() < 3) {
      expect(poll(cursor, feed)).toBeNull();
      polls++;
      expect(polls).toBeLessThan(100);
    }
    expect(polls).toBeGreaterThanOrEqual(20); // about a minute at 2.5 s
    // Once given up it is not taken for a gap again, and a late 2 would not be applied.
    feed.commit(item(4));
    expect(poll(cursor, feed)?.items.map((i) => i.changeset_id)).toEqual([4]);
    expect(cursor.after()).toBe(4);
  });

  it("says a page cut short may hide changes, but not a page full of ones already seen", () => {
    const feed = new Feed();
    const cursor = new FeedCursor();
    poll(cursor, feed);
    for (let id = 1; id <= 600; id++) feed.commit(item(id));
    const first = poll(cursor, feed);
    expect(first?.items).toHaveLength(500);
    expect(first?.everything).toBe(true);
    expect(cursor.after()).toBe(600);

    // Asking again below a gap brings a full page of changesets already seen: nothing hidden.
    const later = new Feed();
    const again = new FeedCursor();
    poll(again, later);
    for (let id = 2; id <= 501; id++) later.commit(item(id));
    expect(poll(again, later)).toMatchObject({ everything: false });
    expect(again.after()).toBe(0);
    expect(poll(again, later)).toBeNull();
    later.commit(item(1));
    expect(poll(again, later)).toEqual({ items: [item(1)], everything: false });
    expect(again.after()).toBe(501);
  });

  it("starts over when the feed goes back (another concept)", () => {
    const feed = new Feed();
    feed.commit(item(40));
    const cursor = new FeedCursor();
    poll(cursor, feed);
    const other = new Feed();
    other.commit(item(3));
    expect(poll(cursor, other)).toEqual({ items: [], everything: true });
    other.commit(item(4));
    expect(poll(cursor, other)?.items.map((i) => i.changeset_id)).toEqual([4]);
  });
});

describe("useChangeFeed", () => {
  afterEach(() => vi.useRealTimers());

  it("moves an entity type's version once per changeset, also for one committed late", async () => {
    vi.useFakeTimers();
    const feed = new Feed();
    feed.commit(item(5, "measure"));
    setBackend(async (command, args) => {
      expect(command).toBe("changes_since");
      return feed.changesSince(args.after as number);
    });
    const { result } = renderHook(() => useChangeFeed(true, 1000));
    await act(() => vi.advanceTimersByTimeAsync(10));
    expect(result.current.versions.measure).toBe(0);

    feed.commit(item(7, "measure"));
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(result.current.versions.measure).toBe(1);
    expect(result.current.versions.comment).toBe(0);

    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(result.current.versions.measure).toBe(1); // 7 again in the overlap: not counted

    feed.commit(item(6, "comment"));
    await act(() => vi.advanceTimersByTimeAsync(1000));
    expect(result.current.versions.comment).toBe(1);
    expect(result.current.versions.measure).toBe(1);
    expect(result.current.recent.map((i) => i.changeset_id)).toEqual([6]);
  });
});
