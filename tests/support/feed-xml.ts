/** Builds small RSS documents in media.ccc.de's shape for focused unit tests. */
export interface ItemSpec {
  id?: string;
  title?: string;
  slug?: string;
  description?: string;
  author?: string;
  keywords?: string;
  duration?: string;
  pubDate?: string;
  enclosure?: string | null;
  image?: string;
  extra?: string;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function itemXml(spec: ItemSpec): string {
  const slug = spec.slug ?? `39c3-${spec.id ?? 'x'}-talk`;
  return [
    '<item>',
    `<title>${escape(spec.title ?? `Talk ${spec.id} (39c3)`)}</title>`,
    slug ? `<link>https://media.ccc.de/v/${slug}</link>` : '',
    spec.description !== undefined ? `<description>${escape(spec.description)}</description>` : '',
    spec.id ? `<dc:identifier>${spec.id}</dc:identifier>` : '',
    spec.author ? `<itunes:author>${escape(spec.author)}</itunes:author>` : '',
    spec.keywords ? `<itunes:keywords>${escape(spec.keywords)}</itunes:keywords>` : '',
    `<itunes:duration>${spec.duration ?? '00:30:00'}</itunes:duration>`,
    `<pubDate>${spec.pubDate ?? 'Sat, 27 Dec 2025 12:00:00 +0100'}</pubDate>`,
    spec.enclosure === null
      ? ''
      : `<enclosure url="${spec.enclosure ?? `https://cdn.media.ccc.de/congress/2025/h264-hd/${slug}.mp4`}" length="123456" type="video/mp4"/>`,
    spec.image ? `<itunes:image href="${spec.image}"/>` : '',
    spec.extra ?? '',
    '</item>',
  ].join('\n');
}

export function feedXml(items: ItemSpec[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>Chaos Computer Club - recent events feed (high quality)</title>
${items.map(itemXml).join('\n')}
<itunes:author>Chaos Computer Club</itunes:author>
</channel>
</rss>`;
}
