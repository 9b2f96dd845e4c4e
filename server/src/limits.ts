// Bounds on the work the server does for one document, so that a pathological file (megabytes,
// nested 100,000 deep, thousands of problems), opened from an untrusted repository, costs bounded
// time and memory and never a dead server. One place, so every feature stops at the same point.

/**
 * Most structural items computed for a document: folding ranges, outline symbols, nesting levels
 * formatted, edits sent in one formatting answer. A real policy has well under a hundred of each.
 */
export const STRUCTURE_LIMIT = 5000;

/**
 * Largest formatting answer, in characters of formatted text (an upper estimate made before
 * formatting). Indentation grows with depth times width, so a small but deep file can ask for
 * gigabytes; a 1 MB policy formats to a few MB.
 */
export const FORMAT_OUTPUT_LIMIT = 16 * 1024 * 1024;

/** Widest indentation formatting accepts from the client (`tabSize`), in columns. */
export const FORMAT_TAB_SIZE_LIMIT = 100;

/**
 * Diagnostics published per document: the first ones by position, then one that says how many
 * more there are. Enough to work through any real file; keeps a file with 100,000 problems from
 * sending megabytes to the editor on every keystroke.
 */
export const PUBLISHED_DIAGNOSTICS_LIMIT = 1000;
