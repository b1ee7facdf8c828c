import type { Reply } from './fake-internet';

const PALETTE = ['#1f6f5c', '#7a3e9d', '#b5532a', '#2b6cb0', '#8a6d1f', '#a23b5b', '#37745b', '#4a5a8a'];

/**
 * Stand-in thumbnails for static.media.ccc.de: a coloured card per path, so screenshots look like
 * the real popup without any image leaving this machine.
 */
export function thumbnailReply(path: string): Reply {
  let h = 0;
  for (const c of path) h = (h * 33 + c.charCodeAt(0)) >>> 0;
  const colour = PALETTE[h % PALETTE.length]!;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="192" height="108" viewBox="0 0 192 108"><rect width="192" height="108" fill="${colour}"/><circle cx="160" cy="22" r="40" fill="#ffffff22"/><rect x="14" y="88" width="110" height="6" rx="3" fill="#ffffff55"/><path d="M84 36 L112 54 L84 72 Z" fill="#fff"/></svg>`;
  return { status: 200, body: svg, headers: { 'Content-Type': 'image/svg+xml' } };
}
