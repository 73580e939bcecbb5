import type { i18n } from 'i18next';
import { lazy, Suspense, type ComponentType } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { createBrowserRouter, RouterProvider, type RouteObject } from 'react-router-dom';
import type { ApiClient } from './api/api-client.js';
import { LabelingOutlet } from './labeling/labeling-outlet.js';
import { DraftStoreContext } from './labeling/draft-store-context.js';
import type { DraftStore } from './labeling/draft-store.js';
import { QueuePage } from './labeling/queue-page.js';
import { TaskPage } from './labeling/task-page.js';
import { AppLayout } from './layout/app-layout.js';
import { LoginPage } from './pages/login-page.js';
import { NotFoundPage } from './pages/not-found-page.js';
import { ProjectsPage } from './pages/projects-page.js';
import { ProjectPage } from './project/project-page.js';
import { QueueWithRework, TaskWithQuality } from './quality/quality-frames.js';
import { RequireAuth } from './session/require-auth.js';
import { SessionProvider } from './session/session-context.js';

/** "Loading…" while a page's code arrives. */
function PageLoading() {
  const { t } = useTranslation();
  return <p className="muted">{t('app.loading')}</p>;
}

/**
 * A page whose code is its own chunk, fetched the first time the page opens: the app starts with
 * the shell and the labeling screens (the editor) only, so a task opened by its URL loads no
 * project tabs, charts or config builder first.
 */
function lazyPage(load: () => Promise<ComponentType>): ComponentType {
  const Page = lazy(async () => ({ default: await load() }));
  return function LazyPage() {
    return (
      <Suspense fallback={<PageLoading />}>
        <Page />
      </Suspense>
    );
  };
}

const NewProjectPage = lazyPage(() => import('./pages/new-project-page.js').then((m) => m.NewProjectPage));
const TokensPage = lazyPage(() => import('./pages/tokens-page.js').then((m) => m.TokensPage));
const ExportsPanel = lazyPage(() => import('./data/exports-panel.js').then((m) => m.ExportsPanel));
const DataManager = lazyPage(() => import('./project/data-manager.js').then((m) => m.DataManager));
const MembersPanel = lazyPage(() => import('./project/members-panel.js').then((m) => m.MembersPanel));
const ProjectOverview = lazyPage(() => import('./project/project-overview.js').then((m) => m.ProjectOverview));
const ProjectSettings = lazyPage(() => import('./project/project-settings.js').then((m) => m.ProjectSettings));
const ModelsTab = lazyPage(() => import('./models/models-tab.js').then((m) => m.ModelsTab));
const EvaluationComparePage = lazyPage(() => import('./evaluations/evaluation-compare-page.js').then((m) => m.EvaluationComparePage));
const EvaluationReportPage = lazyPage(() => import('./evaluations/evaluation-report-page.js').then((m) => m.EvaluationReportPage));
const CleaningTab = lazyPage(() => import('./cleaning/cleaning-tab.js').then((m) => m.CleaningTab));
const AdjudicationPage = lazyPage(() => import('./quality/adjudication-page.js').then((m) => m.AdjudicationPage));
const AgreementTab = lazyPage(() => import('./quality/agreement-tab.js').then((m) => m.AgreementTab));
const AnnotatorsTab = lazyPage(() => import('./quality/annotators-tab.js').then((m) => m.AnnotatorsTab));
const ReviewPage = lazyPage(() => import('./quality/review-page.js').then((m) => m.ReviewPage));
const WebhooksTab = lazyPage(() => import('./quality/webhooks-tab.js').then((m) => m.WebhooksTab));

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
          { path: 'evaluations/compare', element: <EvaluationComparePage /> },
          { path: 'evaluations/:evalId', element: <EvaluationReportPage /> },
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
