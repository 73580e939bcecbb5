import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n/create-i18n.js';

const NAMES: Record<string, string> = { en: 'English', 'zh-CN': '中文' };

/** Switches the UI language at once; the choice is remembered (create-i18n stores it). */
export function LanguageSwitch() {
  const { i18n, t } = useTranslation();
  return (
    <select aria-label={t('app.language')} className="language-switch" data-testid="language-switch" value={i18n.language} onChange={(e) => void i18n.changeLanguage(e.target.value)}>
      {LANGUAGES.map((lng) => (
        <option key={lng} value={lng}>
          {NAMES[lng]}
        </option>
      ))}
    </select>
  );
}
