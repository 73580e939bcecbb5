import { useTranslation } from 'react-i18next';
import type { ResultItem } from '../api/api-types.js';
import type { Review } from './quality-types.js';
import { CommentList } from './review-comments.js';
import { regionNames } from './region-names.js';

/** Earlier reviews of the annotation (e.g. the rejection before its rework), oldest first. */
export function ReviewHistory({ reviews, result, nameOf }: { reviews: readonly Review[]; result: readonly ResultItem[]; nameOf(id: number): string }) {
  const { t } = useTranslation();
  if (reviews.length === 0) return null;
  const names = regionNames(result);
  return (
    <section className="review-history" data-testid="review-history">
      <h3>{t('quality.review.history')}</h3>
      <ol>
        {reviews.map((r) => (
          <li key={r.id}>
            <span className={`badge ${r.action === 'accept' ? 'ok' : 'bad'}`}>{t(`quality.review.action.${r.action}`)}</span>{' '}
            <span className="small muted">
              {nameOf(r.reviewerId)} · v{r.annotationVersion} · {new Date(r.createdAt).toLocaleString()}
            </span>
            {r.reason ? <p className="review-reason">{r.reason}</p> : null}
            <CommentList comments={r.comments} names={names} editor={null} />
          </li>
        ))}
      </ol>
    </section>
  );
}
