/**
 * Prints the plain closing line CI reads ("N passed, N failed, N skipped") from Vitest's
 * JSON report, and fails when the report shows no test ran.
 */
import { readFileSync } from 'node:fs';

const report = JSON.parse(readFileSync(process.argv[2] ?? '.tmp/vitest.json', 'utf8')) as {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
};
const skipped = report.numPendingTests + report.numTodoTests;
console.log(`${report.numPassedTests} passed, ${report.numFailedTests} failed, ${skipped} skipped`);
if (report.numPassedTests === 0 || report.numFailedTests > 0) process.exit(1);
