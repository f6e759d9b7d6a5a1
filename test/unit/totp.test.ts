import { describe, expect, it } from "vitest";
import { base32, otpUrl, totpCode, totpStep, totpStepOf } from "../../src/dev-server/totp.js";

// RFC 6238 appendix B: the SHA-1 secret "12345678901234567890"; 6-digit codes are the last six.
const SECRET = Buffer.from("12345678901234567890");

describe("dev server TOTP", () => {
  it("makes the RFC 6238 codes", () => {
    expect(totpCode(SECRET, totpStep(new Date(59_000)))).toBe("287082");
    expect(totpCode(SECRET, totpStep(new Date(1_111_111_109_000)))).toBe("081804");
    expect(totpCode(SECRET, totpStep(new Date(2_000_000_000_000)))).toBe("279037");
  });

  it("takes the previous, current and next step's code, and no other", () => {
    const now = new Date(1_111_111_109_000);
    const step = totpStep(now);
    for (const offset of [-1, 0, 1])
      expect(totpStepOf(SECRET, totpCode(SECRET, step + offset), now)).toBe(step + offset);
    expect(totpStepOf(SECRET, totpCode(SECRET, step + 2), now)).toBeUndefined();
  });

  it("writes the otpauth URL the real server gives (base32 secret, SHA1, 6 digits, 30 s)", () => {
    expect(base32(SECRET)).toBe("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    expect(otpUrl("ceo@example.com", SECRET)).toBe(
      "otpauth://totp/Infisical:ceo%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&period=30&digits=6&algorithm=SHA1&issuer=Infisical",
    );
  });
});
