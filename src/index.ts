/**
 * framelab: framing analysis of Russian-language texts.
 *
 * corpus → tokens → dictionary lookup → table:
 * ```ts
 * import { loadCorpus, loadDictionary, countFrames } from 'framelab';
 * const corpus = loadCorpus('data/ngo-grants-dialogue-2025.ru.txt', { dedupe: true });
 * const df = countFrames(corpus, loadDictionary());
 * ```
 * @packageDocumentation
 */
export { FramelabError, type ErrorLocation } from './errors';

export { loadCorpus, readDocuments, listCorpusFiles, CORPUS_EXTENSIONS } from './corpus/load';
export { splitParagraphs, markDuplicates, type RawParagraph } from './corpus/paragraphs';
export { decodeText, russianScore, type Decoded } from './corpus/encoding';
export type { Corpus, Document, Paragraph, ParagraphMode, LoadOptions } from './corpus/types';

export { tokenize, words, WORD_PATTERN, type Token } from './text/tokenize';
export { foldCase, paragraphKey } from './text/normalize';
export { Lemmatizer, lemmaOf, analyze, CONTENT_POS, type Analysis } from './text/lemmatizer';
export { frequencyList, type FrequencyRow, type FrequencyOptions } from './text/frequency';

export { loadDictionary, dictionaryFromObject, dictionaryFromYaml, BUNDLED_DICTIONARY, type Dictionary, type Category } from './frames/dictionary';
export { compileWordGlob, parsePattern, type WordGlob } from './frames/pattern';
export {
  FrameMatcher,
  countFrameRows,
  countFrames,
  rateColumn,
  type FrameTable,
  type FrameMatch,
  type CountOptions,
  type Cell,
} from './frames/count';

export { toCsv, toJson, toTextTable, formatTable, formatCell, type TableFormat } from './table/format';
export { toDataFrame } from './table/dataframe';
export { writeFileAtomic } from './util/atomic';

export { frameMatches, matchSummary, type MatchRow, type MatchSummaryRow } from './frames/matches';

export {
  paragraphChart,
  heatmapChart,
  arcChart,
  dispersionChart,
  cooccurrenceChart,
  totalsChart,
  collocateChart,
  correlationChart,
  buildChart,
  CHART_KINDS,
  type ChartKind,
  type ChartSpec,
  type ChartOptions,
} from './charts/specs';
export {
  longCounts,
  narrativeArc,
  cooccurrence,
  categoryTotals,
  firstWords,
  type DuplicateMode,
  type LongCount,
  type ArcPoint,
  type CooccurrenceCell,
  type CategoryTotal,
} from './charts/data';
export { categoryColors, chartConfig, CATEGORY_PALETTE, CHART_FONT, RUSSIAN_LABELS, type ChartLabels, type CategoryColors } from './charts/theme';
export { toSVG, toPNG, svgToPNG, toHTML, toJSON, exportChart, compileSpec, chartFontFiles, CHART_FORMATS, type ChartFormat, type WarningSink } from './charts/render';
export { show, showTable, showMarkdown, chartBundle, inKernel, tableRows, type ChartBundle, type TableLike } from './notebook/display';
export { notebookOutputs, type NotebookOutputs } from './notebook/outputs';
export { frameReading, describeFrames, type FrameReading, type FramePart, type FrameShare } from './frames/reading';

export { compareCsv, compareTables, updateSnapshot, listTables, type TableDifference } from './reproduce/snapshot';
export { executeNotebook, NOTEBOOK_RUNNER, type NotebookError, type NotebookRun } from './reproduce/execute';
export { buildManifest, sha256File, type Manifest } from './reproduce/manifest';

export { seededRandom, DEFAULT_SEED } from './stats/random';
export { chiSquaredSurvival, logGamma, logFactorial } from './stats/distributions';
export {
  logLikelihood,
  logRatio,
  g2Table,
  mutualInformation,
  chiSquare2x2,
  fisherExact,
  chiSquareGoodnessOfFit,
  expected2x2,
  type TestResult,
} from './stats/tests';
export { bootstrapRate, correlationTest, type RateInterval, type CorrelationResult } from './stats/resampling';
export {
  categoryStatistics,
  categoryCorrelations,
  cooccurrenceTests,
  positionTests,
  type StatsOptions,
  type CategoryStatisticsRow,
  type CorrelationRow,
  type CooccurrenceTestRow,
  type PositionTestRow,
} from './stats/frames';

export { kwic, type KwicRow, type KwicOptions } from './analysis/kwic';
export { collocates, type CollocateRow, type CollocateOptions } from './analysis/collocates';
export { keyness, partitionCorpus, type KeynessRow, type KeynessOptions } from './analysis/keyness';
export { targetMatches, documentTokens, type Target } from './analysis/targets';

export { findQuotes, classifyQuote, DEFAULT_QUOTE_RULES, type QuoteSpan, type QuoteClass, type QuoteRules } from './rhetoric/quotes';
export { splitSentences, countSentences, type SentenceCounts } from './rhetoric/sentences';
export {
  rhetoric,
  quoteClassTable,
  BUNDLED_RHETORIC_DICTIONARY,
  STRUCTURE_COLUMNS,
  QUOTE_CLASS_LABELS,
  type RhetoricResult,
  type RhetoricOptions,
  type QuoteRow,
} from './rhetoric/rhetoric';
export { markerChart, quoteChart } from './rhetoric/charts';
export { countFilesStreaming, countColumns, type StreamOptions, type StreamSummary, type StreamProgress } from './frames/stream';
