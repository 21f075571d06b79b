// What each format's reader hands the loader (src/frames/dictionary.ts), which checks it the same
// way whatever the file format.
import type { PatternRule } from './rules';

/** A category as a format's reader finds it, before its patterns are checked. */
export interface RawCategory {
  name: string;
  line?: number;
  patterns: Array<{ text: unknown; line?: number; rule?: PatternRule }>;
  description?: string;
}
