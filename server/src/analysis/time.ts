/**
 * Timestamps, dates, zones and durations as people write them in postmortems: one import for the
 * three modules that read them (times.ts, zones.ts, durations.ts).
 */
export * from './times';
export * from './zones';
export * from './durations';
