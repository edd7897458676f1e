/**
 * Ids are UUIDv7 (RFC 9562): 48 bits of Unix milliseconds, then random bits. Whoever creates a record
 * makes its id, also a phone offline, so nothing needs a round trip, and sorting by id sorts by time.
 * The clock and the random bytes are passed in: the domain itself touches neither.
 */
import { assert } from "../assert";

declare const uuidBrand: unique symbol;
export type Uuid = string & { readonly [uuidBrand]: true };

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isUuid(value: string): value is Uuid {
  return uuidPattern.test(value);
}

/** Builds a UUIDv7 from a Unix time in milliseconds and 10 random bytes. */
export function uuidV7(unixMs: number, random: Uint8Array): Uuid {
  assert(Number.isSafeInteger(unixMs) && unixMs >= 0 && unixMs < 2 ** 48, "time out of range");
  assert(random.length >= 10, "need 10 random bytes");
  const bytes = new Uint8Array(16);
  let time = unixMs;
  for (let index = 5; index >= 0; index--) {
    bytes[index] = time % 256;
    time = Math.floor(time / 256);
  }
  bytes.set(random.subarray(0, 10), 6);
  bytes[6] = 0x70 | ((bytes[6] as number) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f);
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}` as Uuid;
}

/** The Unix milliseconds stored in a UUIDv7. */
export function uuidV7Time(id: Uuid): number {
  return Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
}
