import { useCallback, useRef, useState } from 'react';
import type { EventRow } from '@contract';
import { api } from '../../api/client';

/** Rows fetched per call: the table asks for the next page as its end comes into view. */
export const PAGE_SIZE = 200;

export interface SearchRequest {
  query: string;
  /** Date math or ISO, as the engine reads it. */
  from: string;
  to: string;
  sort: 'desc' | 'asc';
}

export interface SearchState {
  request: SearchRequest | null;
  rows: EventRow[];
  total: number;
  totalExact: boolean;
  /** The range the engine resolved for the first page: later pages and exports reuse it. */
  resolved: { from: string; to: string } | null;
  tookMs: number;
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: unknown;
}

const IDLE: SearchState = {
  request: null,
  rows: [],
  total: 0,
  totalExact: true,
  resolved: null,
  tookMs: 0,
  nextCursor: null,
  loading: false,
  loadingMore: false,
  error: null,
};

/** Runs searches and loads further pages by cursor; answers to superseded searches are dropped. */
export function useSearch() {
  const [state, setState] = useState<SearchState>(IDLE);
  const generation = useRef(0);
  const stateRef = useRef(state);
  stateRef.current = state;
  const fetchingMore = useRef(false);

  const run = useCallback(async (request: SearchRequest) => {
    const gen = ++generation.current;
    setState((s) => ({ ...s, request, loading: true, loadingMore: false, error: null }));
    try {
      const page = await api.call('search.query', { ...request, limit: PAGE_SIZE });
      if (gen !== generation.current) return;
      setState({
        request,
        rows: page.items,
        total: page.total,
        totalExact: page.totalExact,
        resolved: { from: page.from, to: page.to },
        tookMs: page.tookMs,
        nextCursor: page.nextCursor,
        loading: false,
        loadingMore: false,
        error: null,
      });
    } catch (error) {
      if (gen !== generation.current) return;
      setState({ ...IDLE, request, error });
    }
  }, []);

  const loadMore = useCallback(async () => {
    const s = stateRef.current;
    if (!s.request || !s.resolved || !s.nextCursor || s.loading || fetchingMore.current) return;
    const gen = generation.current;
    fetchingMore.current = true;
    setState((cur) => ({ ...cur, loadingMore: true }));
    try {
      const page = await api.call('search.query', {
        query: s.request.query,
        sort: s.request.sort,
        ...s.resolved,
        cursor: s.nextCursor,
        limit: PAGE_SIZE,
      });
      if (gen !== generation.current) return;
      setState((cur) => {
        const rows = [...cur.rows, ...page.items];
        // The last page ends the result: its length makes the total exact.
        const last = page.nextCursor === null;
        const total = last ? rows.length : Math.max(cur.total, rows.length);
        const totalExact = last || (cur.totalExact && cur.total >= rows.length);
        return { ...cur, rows, total, totalExact, nextCursor: page.nextCursor, loadingMore: false };
      });
    } catch (error) {
      if (gen !== generation.current) return;
      setState((cur) => ({ ...cur, loadingMore: false, error }));
    } finally {
      fetchingMore.current = false;
    }
  }, []);

  return { state, run, loadMore };
}
