/**
 * Proves that eslint.config.js really fails HTML sinks and code evaluation in source files, and
 * lets the safe spellings through, and that its import zones fail an import across a boundary,
 * so the `npx eslint .` step of `npm test` guards something.
 */
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

let eslint: ESLint;
beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT, overrideConfigFile: 'eslint.config.js' });
});

/** Rule ids of the errors a snippet gets when it sits in `lib/` (or `components/` for .tsx). */
async function errorsOf(code: string, filePath = 'lib/lint-guard-snippet.ts'): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  expect(result?.messages.filter((m) => m.fatal)).toEqual([]);
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => m.ruleId ?? '');
}

const TSX = 'components/LintGuardSnippet.tsx';

describe('eslint.config.js', { timeout: 30_000 }, () => {
  it.each([
    [
      'innerHTML from a feed value',
      'declare const el: HTMLElement, feedTitle: string;\nel.innerHTML = feedTitle;',
      'no-unsanitized/property',
    ],
    ['innerHTML +=', 'declare const el: HTMLElement, x: string;\nel.innerHTML += x;', 'no-unsanitized/property'],
    ['outerHTML assignment', "declare const el: HTMLElement;\nel.outerHTML = '<b>x</b>';", 'no-restricted-syntax'],
    [
      'insertAdjacentHTML',
      "declare const el: HTMLElement, x: string;\nel.insertAdjacentHTML('beforeend', x);",
      'no-unsanitized/method',
    ],
    [
      'insertAdjacentHTML with constant markup',
      "declare const el: HTMLElement;\nel.insertAdjacentHTML('beforeend', '<b>x</b>');",
      'no-restricted-properties',
    ],
    ['document.write', "document.write('<p>hi</p>');", 'no-restricted-properties'],
    ['eval', "eval('1 + 1');", 'no-restricted-syntax'],
    ['window.eval', "window.eval('1 + 1');", 'no-restricted-syntax'],
    ['new Function', "const f = new Function('return 1');\nf();", 'no-restricted-syntax'],
    ['setTimeout with a string', "setTimeout('alert(1)', 10);", 'no-implied-eval'],
    [
      'createContextualFragment',
      'declare const range: Range, x: string;\nrange.createContextualFragment(x);',
      'no-unsanitized/method',
    ],
  ])('fails %s', async (_name, code, rule) => {
    expect(await errorsOf(code)).toContain(rule);
  });

  it('fails dangerouslySetInnerHTML in JSX and in props objects', async () => {
    const jsx = 'declare const x: string;\nexport const C = () => <div dangerouslySetInnerHTML={{ __html: x }} />;';
    expect(await errorsOf(jsx, TSX)).toContain('no-restricted-syntax');
    const props =
      "import { h } from 'preact';\ndeclare const x: string;\nexport const v = h('div', { dangerouslySetInnerHTML: { __html: x } });";
    expect(await errorsOf(props)).toContain('no-restricted-syntax');
  });

  it('applies to every source folder', async () => {
    for (const dir of ['lib', 'components', 'entrypoints', 'bench', 'scripts', 'tests']) {
      expect(
        await errorsOf('declare const el: HTMLElement, x: string;\nel.innerHTML = x;', `${dir}/lint-guard-snippet.ts`),
      ).toContain('no-unsanitized/property');
    }
    expect(await errorsOf('el.innerHTML = x;', 'scripts/lint-guard-snippet.mjs')).toContain('no-unsanitized/property');
  });

  it.each([
    ['textContent', 'declare const el: HTMLElement, x: string;\nel.textContent = x;'],
    ['clearing innerHTML', "declare const el: HTMLElement;\nel.innerHTML = '';"],
    ['reading innerHTML', 'declare const el: HTMLElement;\nexport const html = el.innerHTML;'],
    [
      'setAttribute and append',
      "declare const el: HTMLElement, x: string;\nel.setAttribute('title', x);\nel.append(document.createTextNode(x));",
    ],
    ['a function named like a sink', 'const evaluate = (s: string) => s.length;\nevaluate("x");'],
  ])('passes %s', async (_name, code) => {
    expect(await errorsOf(code)).toEqual([]);
  });

  it('passes JSX text children', async () => {
    expect(await errorsOf('declare const x: string;\nexport const C = () => <p title={x}>{x}</p>;', TSX)).toEqual([]);
  });

  it('tolerates disable comments for rules of other setups', async () => {
    const code =
      '// eslint-disable-next-line react-hooks/exhaustive-deps\nexport const a = 1;\n// eslint-disable-next-line @typescript-eslint/no-explicit-any\nexport const b: any = 1;';
    const [result] = await eslint.lintText(code, { filePath: 'lib/lint-guard-snippet.ts' });
    expect(result?.messages).toEqual([]);
  });
});

describe('eslint.config.js import zones', { timeout: 30_000 }, () => {
  const ZONE = 'no-restricted-imports';
  it.each([
    ['the content script opening the archive', 'lib/enrich/page/x.ts', "import { getDb } from '../../archive/db';"],
    ['the content script importing Dexie', 'lib/enrich/page/sites/x.ts', "import Dexie from 'dexie';"],
    [
      'the content script reading the lists',
      'lib/enrich/page/x.ts',
      "import { loadPersonal } from '@/lib/personal/store';",
    ],
    [
      'the content script using the worker side',
      'lib/enrich/page/x.ts',
      "import { lookupSchedulePage } from '../answer/lookup';",
    ],
    [
      'the content script loading the related index',
      'lib/enrich/page/x.ts',
      "import { RelatedIndex } from '../related/index';",
    ],
    ['the box view opening the archive', 'components/schedule-box/X.tsx', "import { getDb } from '@/lib/archive/db';"],
    [
      'the content entrypoint opening the archive',
      'entrypoints/schedule.content.ts',
      "import { getDb } from '@/lib/archive/db';",
    ],
    ['poll telling the user', 'lib/poll/sync.ts', "import { refreshBadge } from '../tell/badge';"],
    ['poll reaching into enrich', 'lib/poll/x.ts', "import { RelatedTalksService } from '../enrich/related/service';"],
    ['poll rendering', 'lib/poll/feed/x.ts', "import { h } from 'preact';"],
    ['the archive knowing a job', 'lib/archive/merge.ts', "import { syncFeed } from '../poll/sync';"],
    ['the archive knowing the lists', 'lib/archive/x.ts', "import { loadPersonal } from '@/lib/personal/store';"],
    ['tell polling', 'lib/tell/x.ts', "import { syncFeed } from '../poll/sync';"],
    ['lib importing a view', 'lib/ui/x.ts', "import { Popup } from '@/components/Popup';"],
    ['live telling the user', 'lib/live/x.ts', "import { showNotice } from '../tell/notifications';"],
    ['live reading the lists', 'lib/live/x.ts', "import { loadPersonal } from '../personal/store';"],
    [
      'the box reading the live store',
      'components/schedule-box/X.tsx',
      "import { readLiveState } from '@/lib/live/store';",
    ],
  ])('fails %s', async (_name, file, code) => {
    expect(await errorsOf(`${code}\nexport const used = [${code.match(/import \{? ?(\w+)/)![1]}];`, file)).toContain(
      ZONE,
    );
  });

  it.each([
    ['the content script reading a page', 'lib/enrich/page/x.ts', "import { SESSION_LIMITS } from './sites/types';"],
    ['the content script typing its messages', 'lib/enrich/page/x.ts', "import type { Send } from '../../messages';"],
    [
      'the content script knowing the hosts',
      'lib/enrich/page/x.ts',
      "import { canonicalHost } from '../access/hosts';",
    ],
    ['poll writing the archive', 'lib/poll/x.ts', "import { mergeFeedIntoArchive } from '../archive/merge';"],
    ['tell reading the archive', 'lib/tell/x.ts', "import { getDb } from '../archive/db';"],
    ['the worker side opening the archive', 'lib/enrich/answer/x.ts', "import { getDb } from '../../archive/db';"],
    ['live using the feed fetch', 'lib/live/x.ts', "import { fetchFeed } from '../poll/feed/fetch';"],
    [
      'the lookup types knowing the live line',
      'lib/enrich/lookup-types.ts',
      "import { isLivePart } from '../live/types';",
    ],
  ])('passes %s', async (_name, file, code) => {
    expect(await errorsOf(code, file)).not.toContain(ZONE);
  });
});
