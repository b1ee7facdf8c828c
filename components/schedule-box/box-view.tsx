import { render } from 'preact';
import type { BoxView } from '@/lib/schedule/enrich-page';
import type { MountPoint, ScheduleSession } from '@/lib/sites/types';
import { ScheduleBox } from './ScheduleBox';
import { mountScheduleBox } from './mount';

/** The Preact side of the content script: one box in a shadow root, re-rendered on each state. */
export function mountBoxView(mount: MountPoint, session: ScheduleSession): BoxView {
  let root: ShadowRoot | undefined;
  const mounted = mountScheduleBox(mount.parent, mount.before, (shadow) => {
    root = shadow;
  });
  return {
    render(state, result) {
      if (root) render(<ScheduleBox session={session} result={result} state={state} />, root);
    },
    remove() {
      if (root) render(null, root);
      mounted.remove();
    },
  };
}
