import type { AnnotatorStats } from './annotator-stats.js';

const COLUMNS: (keyof AnnotatorStats)[] = [
  'userId', 'name', 'email', 'tasksDone', 'timeSpentSeconds', 'timedTasks', 'throughputPerHour', 'reviewed',
  'rejectionRate', 'firstPassAcceptanceRate', 'goldScored', 'goldAccuracy', 'agreement', 'agreementMetric', 'consensusAgreement',
];

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (starting with = + - @, a tab or a
 * carriage return) gets a leading apostrophe; numbers are written as numbers; cells with a comma,
 * quote or line break are quoted.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Annotator statistics as CSV with a header row (for payroll). */
export function statsToCsv(rows: readonly AnnotatorStats[]): string {
  const lines = [COLUMNS.join(',')];
  for (const row of rows) lines.push(COLUMNS.map((c) => csvCell(row[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
