import type { i18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { createBrowserRouter, RouterProvider, type RouteObject } from 'react-router-dom';
import type { ApiClient } from './api/api-client.js';
import { LabelingOutlet } from './labeling/labeling-outlet.js';
import { DraftStoreContext } from './labeling/draft-store-context.js';
import type { DraftStore } from './labeling/draft-store.js';
import { QueuePage } from './labeling/queue-page.js';
import { TaskPage } from './labeling/task-page.js';
import { AppLayout } from './layout/app-layout.js';
import { LoginPage } from './pages/login-page.js';
import { NewProjectPage } from './pages/new-project-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { ProjectsPage } from './pages/projects-page.js';
import { TokensPage } from './pages/tokens-page.js';
import { ExportsPanel } from './data/exports-panel.js';
import { DataManager } from './project/data-manager.js';
import { MembersPanel } from './project/members-panel.js';
import { ProjectOverview } from './project/project-overview.js';
import { ProjectPage } from './project/project-page.js';
import { ProjectSettings } from './project/project-settings.js';
import { ModelsTab } from './models/models-tab.js';
import { CleaningTab } from './cleaning/cleaning-tab.js';
import { AdjudicationPage } from './quality/adjudication-page.js';
import { AgreementTab } from './quality/agreement-tab.js';
import { AnnotatorsTab } from './quality/annotators-tab.js';
import { QueueWithRework, TaskWithQuality } from './quality/quality-frames.js';
import { ReviewPage } from './quality/review-page.js';
import { WebhooksTab } from './quality/webhooks-tab.js';
import { RequireAuth } from './session/require-auth.js';
import { SessionProvider } from './session/session-context.js';

export const ROUTES: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  {
    element: (
      <RequireAuth>
        <AppLayout />
      </RequireAuth>
    ),
    children: [
      { index: true, element: <ProjectsPage /> },
      { path: 'projects/new', element: <NewProjectPage /> },
      { path: 'tokens', element: <TokensPage /> },
      {
        path: 'projects/:projectId',
        element: <ProjectPage />,
        children: [
          { index: true, element: <ProjectOverview /> },
          { path: 'data', element: <DataManager /> },
          { path: 'exports', element: <ExportsPanel /> },
          { path: 'members', element: <MembersPanel /> },
          { path: 'settings', element: <ProjectSettings /> },
          { path: 'models', element: <ModelsTab /> },
          { path: 'cleaning', element: <CleaningTab /> },
          { path: 'agreement', element: <AgreementTab /> },
          { path: 'annotators', element: <AnnotatorsTab /> },
          { path: 'webhooks', element: <WebhooksTab /> },
        ],
      },
      {
        path: 'projects/:projectId',
        element: <LabelingOutlet />,
        children: [
          {
            path: 'label',
            element: (
              <QueueWithRework>
                <QueuePage />
              </QueueWithRework>
            ),
          },
          {
            path: 'tasks/:taskId',
            element: (
              <TaskWithQuality>
                <TaskPage />
              </TaskWithQuality>
            ),
          },
          { path: 'review', element: <ReviewPage /> },
          { path: 'adjudicate/:taskId', element: <AdjudicationPage /> },
        ],
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

/** The whole app; everything it needs comes in as arguments (no globals). */
export function AppRoot({ api, i18n, drafts }: { api: ApiClient; i18n: i18n; drafts: DraftStore }) {
  const router = createBrowserRouter(ROUTES);
  return (
    <I18nextProvider i18n={i18n}>
      <SessionProvider api={api}>
        <DraftStoreContext.Provider value={drafts}>
          <RouterProvider router={router} />
        </DraftStoreContext.Provider>
      </SessionProvider>
    </I18nextProvider>
  );
}
