import { createHmac, randomBytes } from "node:crypto";

/** Authenticator codes as RFC 6238 makes them (SHA-1, 6 digits, 30 s), for the dev server's TOTP. */
const STEP_SECONDS = 30;
const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function base32(bytes: Buffer): string {
  let bits = "";
  for (const byte of bytes) bits += byte.toString(2).padStart(8, "0");
  let out = "";
  for (let i = 0; i + 5 <= bits.length; i += 5) out += ALPHABET[parseInt(bits.slice(i, i + 5), 2)];
  return out;
}

export function newTotpSecret(): Buffer {
  return randomBytes(10);
}

/** The time step a moment falls in. */
export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / STEP_SECONDS);
}

export function totpCode(secret: Buffer, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const hmac = createHmac("sha1", secret).update(counter).digest();
  const offset = (hmac[hmac.length - 1] as number) & 0x0f;
  const value = hmac.readUInt32BE(offset) & 0x7fffffff;
  return String(value % 1_000_000).padStart(6, "0");
}

/** The step whose code this is (the previous, current or next one), if any. */
export function totpStepOf(secret: Buffer, code: string, now: Date): number | undefined {
  const current = totpStep(now);
  return [current - 1, current, current + 1].find((step) => totpCode(secret, step) === code);
}

export function otpUrl(email: string, secret: Buffer): string {
  return `otpauth://totp/Infisical:${encodeURIComponent(email)}?secret=${base32(secret)}&period=${STEP_SECONDS}&digits=6&algorithm=SHA1&issuer=Infisical`;
}
