/**
 * Paints the popup's remembered first screen while its HTML is parsed, before the popup's modules
 * load (lib/ui/first-paint.ts). A classic script, loaded by entrypoints/popup/index.html.
 */
import { paintRemembered, POPUP_ROOT_ID } from '@/lib/ui/first-paint';

export default defineUnlistedScript(() => {
  paintRemembered(document.getElementById(POPUP_ROOT_ID));
});
