// Child of bin/bench.mjs: imports one bench module, runs its default export, reports peak RSS.
import { pathToFileURL } from 'node:url';

const [file, name] = process.argv.slice(2);
const mod = await import(pathToFileURL(file).href);
await mod.default();
const peakMb = process.resourceUsage().maxRSS / 1024;
console.log(`BENCH ${name}.process_peak_rss ${peakMb.toFixed(1)} MB`);
