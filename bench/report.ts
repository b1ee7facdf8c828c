/**
 * Turns benchmark rows into a terminal table, a Markdown report and `bench/results/latest.{json,md}`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { BenchRow } from './types';

export interface ReportMeta {
  /** ISO date of the run. */
  date: string;
  /** CPU and cores, e.g. "Intel Xeon, 2 cores". */
  machine: string;
  /** Node version, e.g. "v20.20.2". */
  node: string;
  /** Chromium version of the browser half, when it ran. */
  chromium?: string;
}

// ---------------------------------------------------------------------------------------------
// Cells

function formatNumber(value: number, unit: BenchRow['unit']): string {
  if (!Number.isFinite(value)) return '–';
  if (unit === 'bytes' || unit === 'KB' || unit === 'requests' || unit === 'talks' || unit === '%')
    return Math.round(value).toLocaleString('en');
  // Three significant digits or so, without hiding whole milliseconds of big values.
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

const valueCell = (row: BenchRow): string => `${formatNumber(row.value, row.unit)} ${row.unit}`;
const p95Cell = (row: BenchRow): string =>
  row.p95 === undefined ? '' : `${formatNumber(row.p95, row.unit)} ${row.unit}`;
const itemsCell = (row: BenchRow): string => (row.items === null ? '' : row.items.toLocaleString('en'));
const ratioCell = (row: BenchRow): string => (row.ratioToFloor === undefined ? '' : `${row.ratioToFloor.toFixed(2)}×`);
const metCell = (row: BenchRow): string => (row.met === undefined ? '' : row.met ? 'yes' : 'NO');

/** Sections in the order they first appear, rows in their original order within a section. */
function bySection(rows: readonly BenchRow[]): Map<string, BenchRow[]> {
  const sections = new Map<string, BenchRow[]>();
  for (const row of rows) {
    const list = sections.get(row.section) ?? [];
    list.push(row);
    sections.set(row.section, list);
  }
  return sections;
}

// ---------------------------------------------------------------------------------------------
// Terminal

const NUMERIC = new Set([2, 3, 4, 5, 6]);

/**
 * An aligned plain-text table, one block per section. Notes would make every line as wide as
 * the longest note, so they are numbered and listed under the table.
 */
export function formatTable(rows: BenchRow[]): string {
  const header = ['Section', 'Measurement', 'Items', 'Median', 'p95', 'Runs', '× floor', 'Target', 'Met', 'Note'];
  const notes: string[] = [];
  const lines: string[][] = [];
  for (const [, sectionRows] of bySection(rows)) {
    sectionRows.forEach((row, i) => {
      let noteRef = '';
      if (row.note) {
        notes.push(row.note);
        noteRef = `[${notes.length}]`;
      }
      lines.push([
        i === 0 ? row.section : '',
        row.name,
        itemsCell(row),
        valueCell(row),
        p95Cell(row),
        row.runs === undefined ? '' : String(row.runs),
        ratioCell(row),
        row.target ?? '',
        metCell(row),
        noteRef,
      ]);
    });
  }
  const widths = header.map((title, c) => Math.max(title.length, ...lines.map((line) => line[c]!.length)));
  const render = (cells: string[]) =>
    cells
      .map((cell, c) => (NUMERIC.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  const out = [render(header), widths.map((w) => '-'.repeat(w)).join('  ')];
  let previousSection = '';
  for (const line of lines) {
    // A blank line between sections keeps long tables readable.
    if (line[0] && previousSection) out.push('');
    if (line[0]) previousSection = line[0];
    out.push(render(line));
  }
  if (notes.length) out.push('', ...notes.map((note, i) => `[${i + 1}] ${note}`));
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Markdown

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function toMarkdown(rows: BenchRow[], meta: ReportMeta): string {
  const out = [
    '# Aftertalk benchmark',
    '',
    `- Date: ${meta.date}`,
    `- Machine: ${meta.machine}`,
    `- Node: ${meta.node}`,
    ...(meta.chromium ? [`- Chromium: ${meta.chromium}`] : []),
    '',
    'Values are medians of the runs; p95 is given for latency-like rows. "× floor" is the value divided by a',
    "floor measured in the same run: the parse floor (fast-xml-parser `XMLParser.parse` alone, with the extension's",
    "options) for the same feed, unless the section's floor row or the row's note names another.",
    'MB and KB are binary (2^20 and 2^10 bytes).',
  ];
  const targets = rows.filter((row) => row.met !== undefined);
  if (targets.length) {
    const missed = targets.filter((row) => !row.met);
    out.push('', `Targets: ${targets.length - missed.length} of ${targets.length} met.`);
    for (const row of missed)
      out.push(
        `- Missed: ${row.section} / ${row.name} (${itemsCell(row) || 'n/a'} items): ${valueCell(row)}, target ${row.target}`,
      );
  }
  for (const [section, sectionRows] of bySection(rows)) {
    out.push(
      '',
      `## ${section}`,
      '',
      '| Measurement | Items | Median | p95 | Runs | × floor | Target | Met | Note |',
      '|---|--:|--:|--:|--:|--:|---|---|---|',
    );
    for (const row of sectionRows) {
      const met = row.met === undefined ? '' : row.met ? 'yes' : '**no**';
      out.push(
        `| ${[cell(row.name), itemsCell(row), valueCell(row), p95Cell(row), row.runs ?? '', ratioCell(row), cell(row.target ?? ''), met, cell(row.note ?? '')].join(' | ')} |`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Files

/** Writes `latest.json` (meta and rows, for tools) and `latest.md` (for people) into `outDir`. */
export async function writeReport(
  rows: BenchRow[],
  meta: ReportMeta,
  outDir = 'bench/results',
): Promise<{ json: string; markdown: string }> {
  await mkdir(outDir, { recursive: true });
  const json = path.join(outDir, 'latest.json');
  const markdown = path.join(outDir, 'latest.md');
  await writeFile(json, `${JSON.stringify({ meta, rows }, null, 2)}\n`);
  await writeFile(markdown, toMarkdown(rows, meta));
  return { json, markdown };
}
