// Minimal JWT helpers for the stand-in: unsigned id tokens (msal-node decodes but does not verify
// them) and verification of certificate client assertions (RS256 or PS256).
import { X509Certificate, createHash, verify as cryptoVerify, constants } from 'node:crypto';

export function b64urlJson(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function unsignedJwt(payload: Record<string, unknown>): string {
  return `${b64urlJson({ typ: 'JWT', alg: 'none' })}.${b64urlJson(payload)}.`;
}

export interface DecodedJwt {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

export function decodeJwt(token: string): DecodedJwt | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as unknown;
    const payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
    if (typeof header !== 'object' || header === null || typeof payload !== 'object' || payload === null) return undefined;
    return {
      header: header as Record<string, unknown>,
      payload: payload as Record<string, unknown>,
      signingInput: `${parts[0]}.${parts[1]}`,
      signature: Buffer.from(parts[2], 'base64url'),
    };
  } catch {
    return undefined;
  }
}

/** Hex thumbprints (upper case, no separators) of a certificate, as Entra shows them. */
export function certificateThumbprints(cert: X509Certificate): { sha1: string; sha256: string } {
  return {
    sha1: cert.fingerprint.replace(/:/g, '').toUpperCase(),
    sha256: cert.fingerprint256.replace(/:/g, '').toUpperCase(),
  };
}

/** Verifies an RS256/PS256 signature with the certificate's public key. */
export function verifyJwtSignature(jwt: DecodedJwt, cert: X509Certificate): boolean {
  const alg = jwt.header.alg;
  const data = Buffer.from(jwt.signingInput);
  try {
    if (alg === 'RS256') return cryptoVerify('sha256', data, cert.publicKey, jwt.signature);
    if (alg === 'PS256') {
      return cryptoVerify(
        'sha256',
        data,
        { key: cert.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO },
        jwt.signature,
      );
    }
  } catch {
    return false;
  }
  return false;
}

/** base64url(sha256(DER)) or base64url(sha1(DER)), the x5t#S256 / x5t header values. */
export function x5tValues(cert: X509Certificate): { x5t: string; x5tS256: string } {
  return {
    x5t: createHash('sha1').update(cert.raw).digest('base64url'),
    x5tS256: createHash('sha256').update(cert.raw).digest('base64url'),
  };
}
