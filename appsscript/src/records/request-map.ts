// Requests are keyed by (cluster, id) (contract §8), whatever characters either holds.

/** The key as one string, for a Set or a sort. */
export function requestKey(cluster: string, id: string): string {
  return JSON.stringify([cluster, id]);
}

/** Values by request: a map per cluster, so a lookup builds no key string. */
export class RequestMap<T> {
  private readonly clusters = new Map<string, Map<string, T>>();

  get(cluster: string, id: string): T | undefined {
    return this.clusters.get(cluster)?.get(id);
  }

  set(cluster: string, id: string, value: T): void {
    const ids = this.clusters.get(cluster);
    if (ids) ids.set(id, value);
    else this.clusters.set(cluster, new Map([[id, value]]));
  }
}
