/**
 * Errors that framelab raises for bad input. Each one names the place at fault
 * (file, line, pattern) so that the command line can print it as one line.
 */
export interface ErrorLocation {
  /** File the error is about. */
  file?: string;
  /** 1-based line in that file. */
  line?: number;
  /** Dictionary pattern at fault. */
  pattern?: string;
}

/**
 * An error caused by the user's input (a file, a dictionary, an option), as opposed to a bug.
 * The message already contains the location in `file:line: ` form.
 *
 * @example
 * new FramelabError('empty category "гранты"', { file: 'dict.yaml', line: 3 }).message
 * // 'dict.yaml:3: empty category "гранты"'
 */
export class FramelabError extends Error {
  readonly location: ErrorLocation;

  constructor(message: string, location: ErrorLocation = {}) {
    const where = location.file
      ? location.line !== undefined
        ? `${location.file}:${location.line}: `
        : `${location.file}: `
      : '';
    super(where + message);
    this.name = 'FramelabError';
    this.location = location;
  }

  /**
   * How Node prints the error (`console.error(err)`, an uncaught error, a notebook cell that
   * raised it): its one-line message, without the stack, since the message already says what is
   * wrong and where. `FRAMELAB_STACK=1` in the environment brings the stack back for debugging.
   */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return process.env.FRAMELAB_STACK ? (this.stack ?? this.message) : `${this.name}: ${this.message}`;
  }
}
