// Policies in plain language: summary, renderers, before/after comparison.
export * from './types';
export { explainPolicy, summarizeValidation } from './summarize';
export { renderText, renderMarkdown, escapeMarkdown } from './render';
export { compareSummaries, renderComparisonText, renderComparisonMarkdown, type SummaryComparison } from './compare';
export { humanIsoDuration, humanMinutes } from './durations';
