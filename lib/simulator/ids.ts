import 'server-only';
import type { Rng } from './prng';

// Identifier shapes copied from real payloads: UUID v4 for workspaces, users and tags; UUID v7 for tag
// mappings (their real ids start with a time prefix); 24-hex Mongo ObjectIds for background jobs,
// whose leading seconds make them sort by creation time like the real ones.

export function uuidV4(rng: Rng): string {
  const hex = rng.hex(32).split('');
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

export function uuidV7(ms: number, rng: Rng): string {
  const time = Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0').slice(-12);
  const rand = rng.hex(20).split('');
  rand[0] = '7';
  rand[4] = ((parseInt(rand[4] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const r = rand.join('');
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-${r.slice(0, 4)}-${r.slice(4, 8)}-${r.slice(8, 20)}`;
}

/** A 24-hex ObjectId: 4 bytes of seconds, then 8 bytes from the generator. */
export function objectId(ms: number, rng: Rng): string {
  const seconds = Math.max(0, Math.floor(ms / 1000))
    .toString(16)
    .padStart(8, '0')
    .slice(-8);
  return seconds + rng.hex(16);
}
