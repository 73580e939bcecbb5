import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <div className="card">
      <h1>{t('app.notFound.title')}</h1>
      <Link to="/">{t('app.nav.projects')}</Link>
    </div>
  );
}
