declare module 'az' {
  interface AzParse {
    word: string;
    score: number;
    parser: string;
    normalize(keepPos?: boolean): AzParse;
    toString(): string;
  }
  interface AzMorph {
    (word: string, config?: Record<string, unknown>): AzParse[];
    init(path: string, callback: (err: Error | null) => void): void;
  }
  const Az: {
    load: (url: string, responseType: string, callback: (err: Error | null, data?: unknown) => void) => void;
    Morph: AzMorph;
  };
  export = Az;
}
