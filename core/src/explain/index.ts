// Policies in plain language: summary, renderers, before/after comparison.
export * from './types';
export { explainPolicy, summarizeValidation } from './summarize';
export { renderText, renderMarkdown, escapeMarkdown } from './render';
export {
  compareSummaries,
  summarizeBodies,
  renderComparisonText,
  renderComparisonMarkdown,
  type SummaryComparison,
  type BodySummaries,
} from './compare';
export { humanIsoDuration, humanMinutes } from './durations';
