import { useEffect, useRef } from 'preact/hooks';
import { t } from '@/lib/i18n';

/**
 * "Show more" at the end of a paged list. It also loads the next page by itself when it scrolls
 * into view, so long lists page in as the user scrolls and only what was reached is rendered.
 */
export function MoreButton({ onMore, label = t('more_show_more') }: { onMore: () => void; label?: string }) {
  const ref = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const button = ref.current;
    if (!button || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && onMore(), {
      rootMargin: '200px',
    });
    observer.observe(button);
    return () => observer.disconnect();
  }, [onMore]);
  return (
    <button ref={ref} type="button" class="more" onClick={onMore}>
      {label}
    </button>
  );
}
