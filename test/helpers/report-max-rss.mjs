// Preloaded into a simsim child (`node --import <this file> bin/simsim.js ...`) by memory tests:
// at exit it writes the process's peak resident set size, in kilobytes, to the file named by
// SIMSIM_TEST_MAX_RSS_FILE. It changes nothing else.
import { writeFileSync } from 'node:fs';

const target = process.env.SIMSIM_TEST_MAX_RSS_FILE;
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
