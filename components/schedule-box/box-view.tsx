import { render } from 'preact';
import { mark, PERF_MARKS } from '@/lib/perf-marks';
import type { BoxView } from '@/lib/enrich/page/enrich-page';
import type { MountPoint, ScheduleSession } from '@/lib/enrich/page/sites/types';
import { ScheduleBox } from './ScheduleBox';
import { mountScheduleBox } from './mount';

/** The Preact side of the content script: one box in a shadow root, re-rendered on each state. */
export function mountBoxView(mount: MountPoint, session: ScheduleSession): BoxView {
  let root: ShadowRoot | undefined;
  const mounted = mountScheduleBox(mount.parent, mount.before, (shadow) => {
    root = shadow;
  });
  return {
    render(state, result, onAction) {
      if (!root) return;
      render(<ScheduleBox session={session} result={result} state={state} onAction={onAction} />, root);
      if (state === 'ready') mark(PERF_MARKS.boxReady);
      else if (state === 'loading') mark(PERF_MARKS.boxShown);
    },
    remove() {
      if (root) render(null, root);
      mounted.remove();
    },
  };
}
