// The text of whatever was thrown: an Error's message, anything else as a string. One definition
// for every part that reports a caught failure (the stand-in keeps its own: it shares nothing).
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
