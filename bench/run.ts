// `npm run bench`: runs every bench/*.bench.ts and prints each figure against its target.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { meetsTarget, type Benchmark, type BenchResult } from './harness';

const only = process.argv[2];
const files = readdirSync(import.meta.dirname)
  .filter((file) => file.endsWith('.bench.ts') && (!only || file.includes(only)))
  .sort();

let missed = 0;
for (const file of files) {
  const module = (await import(pathToFileURL(join(import.meta.dirname, file)).href)) as { default: Benchmark };
  const benchmark = module.default;
  console.log(`\n${benchmark.name} (${file})`);
  let results: BenchResult[];
  try {
    results = await benchmark.run();
  } catch (error) {
    console.log(`  FAILED: ${(error as Error).message}`);
    missed++;
    continue;
  }
  for (const result of results) {
    const ok = meetsTarget(result);
    if (ok === false) missed++;
    const target = result.target
      ? ` (target ${result.target.better === 'lower' ? '≤' : '≥'} ${result.target.value}${result.unit === 'ratio' ? '' : ` ${result.unit}`})`
      : '';
    const figure = result.unit === 'ratio' ? `${result.value.toFixed(3)}×` : `${result.value.toFixed(2)} ${result.unit}`;
    console.log(
      `  ${ok === undefined ? ' ' : ok ? '✓' : '✗'} ${result.name}: ${figure}${target}${result.detail ? `  — ${result.detail}` : ''}`,
    );
  }
}
console.log(`\n${files.length} benchmark file(s); ${missed === 0 ? 'all targets met' : `${missed} target(s) missed`}.`);
process.exit(missed === 0 ? 0 : 1);
