// Last line of defence against tokens and secrets in logs and messages: anything shaped like a JWT
// or a known secret value is replaced. Callers should still never put secrets in text.

const JWT_LIKE = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
// Values of token-bearing fields in query strings, form bodies or JSON.
const FIELD_VALUE =
  /((?:access_token|refresh_token|id_token|client_secret|client_assertion|code|device_code|code_verifier|client_info)["']?\s*[=:]\s*["']?)[^"'&\s,}]+/gi;

export class Redactor {
  private readonly secrets = new Set<string>();

  /** Registers an exact value (a client secret, a token) to be masked wherever it appears. */
  addSecret(value: string | undefined): void {
    if (value && value.length >= 4) this.secrets.add(value);
  }

  redact(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join('[redacted]');
    return out.replace(JWT_LIKE, '[redacted-jwt]').replace(FIELD_VALUE, '$1[redacted]');
  }
}
