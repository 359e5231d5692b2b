/** A cursor-paged list that grows by "加载更多": the connection's first page, then the next ones on demand. */
import { ref } from "vue";

export interface Connection<N> {
  totalCount: number;
  edges: { node: N }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export function usePagedList<N>(fetchPage: (after: string | null) => Promise<Connection<N>>) {
  const rows = ref<N[]>([]) as { value: N[] };
  const total = ref(0);
  const loading = ref(false);
  const loadingMore = ref(false);
  const error = ref<string | null>(null);
  const hasMore = ref(false);
  let cursor: string | null = null;
  let generation = 0;

  async function load(more = false): Promise<void> {
    const mine = more ? generation : ++generation;
    (more ? loadingMore : loading).value = true;
    error.value = null;
    try {
      const page = await fetchPage(more ? cursor : null);
      if (mine !== generation) return;
      rows.value = more ? [...rows.value, ...page.edges.map((e) => e.node)] : page.edges.map((e) => e.node);
      total.value = page.totalCount;
      hasMore.value = page.pageInfo.hasNextPage;
      cursor = page.pageInfo.endCursor;
    } catch (err) {
      if (mine === generation) error.value = (err as Error).message || "加载失败";
    } finally {
      if (mine === generation) (more ? loadingMore : loading).value = false;
    }
  }
  return { rows, total, loading, loadingMore, error, hasMore, reload: () => load(false), more: () => load(true) };
}
