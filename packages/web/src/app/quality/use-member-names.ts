import { useMemo } from 'react';
import type { Member } from '../api/api-types.js';
import { useApi } from '../session/session-context.js';
import { useAsync } from '../ui/use-async.js';

/** Names of the project's members by user id (name, else e-mail); `nameOf` falls back to "#id". */
export function useMemberNames(projectId: number): { nameOf(id: number | null): string } {
  const api = useApi();
  const { data } = useAsync((signal) => api.get<Member[]>(`/api/projects/${projectId}/members`, { signal }), [api, projectId]);
  return useMemo(() => {
    const names = new Map((data ?? []).map((m) => [m.userId, m.name || m.email]));
    return { nameOf: (id: number | null) => (id === null ? '—' : (names.get(id) ?? `#${id}`)) };
  }, [data]);
}
