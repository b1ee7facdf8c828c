/**
 * The player's code (and its styles), loaded on the first Play only, in the schedule box's frame
 * and in the popup alike: the frame starts loading with every schedule page and the popup's first
 * screen should wait for nothing it does not show; most of them are never played in.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Player as PlayerComponent } from './Player';

export type PlayerCode = typeof PlayerComponent;

let loaded: PlayerCode | null = null;

/** The Player component once `wanted` has been true and its chunk has loaded; null until then. */
export function usePlayerCode(wanted: boolean): PlayerCode | null {
  const [code, setCode] = useState<PlayerCode | null>(loaded);
  useEffect(() => {
    if (!wanted || code) return;
    let live = true;
    void import('./Player').then((module) => {
      loaded = module.Player;
      if (live) setCode(() => module.Player);
    });
    return () => {
      live = false;
    };
  }, [wanted]);
  return code;
}
