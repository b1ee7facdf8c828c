import type { StatusLine } from '@/lib/ui/status-text';

export function StatusBar({ line }: { line: StatusLine }) {
  return (
    <div class={`status status--${line.tone}`} role="status" aria-live="polite" data-testid="sync-status">
      <span class="status__text">{line.text}</span>
      {line.detail && <span class="status__detail">{line.detail}</span>}
    </div>
  );
}
