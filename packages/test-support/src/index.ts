// What tests, the benchmarks and the load simulator share, and production code never imports
// (a lint rule keeps it so). Every workspace package that uses it lists it as a devDependency.
export * from './random.ts';
