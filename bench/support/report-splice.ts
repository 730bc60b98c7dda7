/**
 * `bench/report.ts --only <id>`: one benchmark's figures go into the existing bench/REPORT.md without
 * touching the others' — its section replaced (or added at the end) and its goals' summary rows
 * replaced (or added after the summary's last row).
 */
export function spliceReport(report: string, section: readonly string[], summaryRows: readonly string[]): string {
  const lines = report.split('\n');
  const heading = section[0] ?? '';
  const start = lines.indexOf(heading);
  if (start === -1) {
    while (lines.at(-1) === '') lines.pop();
    lines.push('', ...section);
  } else {
    const next = lines.findIndex((line, i) => i > start && line.startsWith('## '));
    lines.splice(start, (next === -1 ? lines.length : next) - start, ...section);
  }
  const summaryAt = lines.indexOf('## Summary');
  for (const row of summaryRows) {
    const goal = row.split(' | ')[0] ?? row;
    const existing = lines.findIndex((line) => line.startsWith(`${goal} |`));
    if (existing !== -1) {
      lines[existing] = row;
      continue;
    }
    let end = lines.findIndex((line, i) => i > summaryAt && line.startsWith('|'));
    while (lines[end]?.startsWith('|') === true) end++;
    lines.splice(end, 0, row);
  }
  return lines.join('\n');
}
