import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member, ProjectRole, User } from '../api/api-types.js';
import { useApi } from '../session/session-context.js';
import { ErrorText } from '../ui/error-text.js';
import { useAsync } from '../ui/use-async.js';
import { useProject } from './project-context.js';

const ROLES: ProjectRole[] = ['annotator', 'reviewer', 'manager'];

/** Members and their roles; managers add people of the organization, change roles and remove members. */
export function MembersPanel() {
  const { t } = useTranslation();
  const api = useApi();
  const { project } = useProject();
  const manage = project.role === 'manager';
  const members = useAsync((signal) => api.get<Member[]>(`/api/projects/${project.id}/members`, { signal }), [api, project.id]);
  const users = useAsync((signal) => (manage ? api.get<User[] | { items: User[] }>('/api/users', { signal }) : Promise.resolve([])), [api, manage]);
  const [newUser, setNewUser] = useState('');
  const [newRole, setNewRole] = useState<ProjectRole>('annotator');
  const [error, setError] = useState<unknown>(null);

  const act = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      members.reload();
    } catch (err) {
      setError(err);
    }
  };
  const setRole = (userId: number, role: ProjectRole) => act(() => api.post(`/api/projects/${project.id}/members`, { userId, role }));
  const userList = Array.isArray(users.data) ? users.data : (users.data?.items ?? []);
  const candidates = userList.filter((u) => !members.data?.some((m) => m.userId === u.id));

  return (
    <div className="members">
      <ErrorText error={members.error ?? error} />
      <table className="table">
        <thead>
          <tr>
            <th>{t('app.members.name')}</th>
            <th>{t('app.members.email')}</th>
            <th>{t('app.members.role')}</th>
            {manage ? <th /> : null}
          </tr>
        </thead>
        <tbody>
          {members.data?.map((m) => (
            <tr key={m.userId}>
              <td>{m.name}</td>
              <td className="muted">{m.email}</td>
              <td>
                {manage ? (
                  <select aria-label={t('app.members.role')} value={m.role} onChange={(e) => void setRole(m.userId, e.target.value as ProjectRole)}>
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {t(`app.roles.${r}`)}
                      </option>
                    ))}
                  </select>
                ) : (
                  t(`app.roles.${m.role}`)
                )}
              </td>
              {manage ? (
                <td>
                  <button type="button" className="link-button danger" onClick={() => void act(() => api.delete(`/api/projects/${project.id}/members/${m.userId}`))}>
                    {t('app.members.remove')}
                  </button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      {manage ? (
        <div className="add-member">
          <select aria-label={t('app.members.add')} value={newUser} onChange={(e) => setNewUser(e.target.value)} data-testid="member-user">
            <option value="">{t('app.members.pick')}</option>
            {candidates.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name ? `${u.name} <${u.email}>` : u.email}
              </option>
            ))}
          </select>
          <select aria-label={t('app.members.role')} value={newRole} onChange={(e) => setNewRole(e.target.value as ProjectRole)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`app.roles.${r}`)}
              </option>
            ))}
          </select>
          <button type="button" disabled={!newUser} onClick={() => void setRole(Number(newUser), newRole).then(() => setNewUser(''))}>
            {t('app.members.add')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
