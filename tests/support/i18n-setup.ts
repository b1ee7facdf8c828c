// WXT's fake browser has no message catalogue: the English one answers `t` in unit tests, as the
// browser's would (lib/i18n.ts).
import { setFallbackCatalogue } from '@/lib/i18n';
import en from '@/public/_locales/en/messages.json';

setFallbackCatalogue(en);
