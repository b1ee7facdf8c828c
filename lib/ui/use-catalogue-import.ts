/**
 * The whole-catalogue import's progress (lib/history/catalogue.ts), kept current while a page is
 * open: the background writes it to `storage.local` after every page.
 */
import { useEffect, useState } from 'preact/hooks';
import { CATALOGUE_KEY, NO_IMPORT, readCatalogueImport, type CatalogueImport } from '../history/catalogue';
import { onLocalKeyChanged } from '../storage-watch';

export function useCatalogueImport(): CatalogueImport {
  const [state, setState] = useState<CatalogueImport>(NO_IMPORT);
  useEffect(() => {
    const refresh = () => void readCatalogueImport().then(setState);
    const stop = onLocalKeyChanged(CATALOGUE_KEY, refresh);
    refresh();
    return stop;
  }, []);
  return state;
}
