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

// ── Read a corpus ─────────────────────────────────────────────────────────────────────────────
export { loadCorpus } from './corpus/load';
export { readDocuments, openCorpus, type ReadOptions, type ReadReport } from './corpus/read';
export { listCorpus, CORPUS_EXTENSIONS, type CorpusFile, type CorpusListing, type SkippedFile } from './corpus/files';
export type { Corpus, Document, Paragraph, ParagraphMode } from './corpus/types';
export type { LoadOptions } from './corpus/load';

// ── Count frames ──────────────────────────────────────────────────────────────────────────────
export { countFrameRows, countFrames, countFiles, countFilesStreaming, countFilesParquet, type CountOptions } from './frames/count';
export { countCorpus, countRows, type CountCorpusOptions, type CountSummary, type CountProgress } from './frames/count';
export { tableSink, textSink, parquetSink, dataFrameSink, countColumnTypes, type RowSink, type TableHead, type TableExtension } from './table/sinks';
export { countColumns, rate, rateColumn, tableRows, rowCells, BOILERPLATE_COLUMN, WORD_RULES, type FrameTable, type Cell, type CountedRows, type WordRule } from './table/frame-table';
export { frameMatches, matchSummary, type MatchRow, type FrameMatchesOptions, type MatchSummaryRow } from './frames/matches';
export { parseRule, describeRule, describeCondition, runContext, runContextOfBytes, RULE_POS_TAGS, SHAPE, type PatternRule, type RuleCondition, type RunContext } from './frames/rules';
export { frameReading, describeFrames, type FrameReading, type FramePart, type FrameShare } from './frames/reading';

// ── Corpora: groups of documents and time ─────────────────────────────────────────────────────
export {
  compareGroups,
  describeComparison,
  timeSeries,
  documentTotals,
  g2Groups,
  rateRatio,
  trendTest,

  type GroupRow,
  type SeriesRow,
  type GroupOptions,
  type SeriesOptions,
} from './stats/groups';
export { documentRateSlope, groupTimeSeries, trendDifference, type GroupSeriesRow, type TrendDifferenceRow } from './stats/group-periods';
export { parseDate, periodStart, periodLabel, periodsBetween, PERIODS, type Period } from './corpus/dates';
export { groupChart, groupTimeChart, timeChart } from './charts/corpus';

// ── Dictionaries ──────────────────────────────────────────────────────────────────────────────
export { loadDictionary, loadLexicon, lexiconFrom, dictionaryFromObject, addPatterns, dictionaryFromYaml, BUNDLED_DICTIONARY, type Dictionary, type Category, type DictionaryOptions, type Lexicon } from './frames/dictionary';

// ── Concordances, collocates, keyness, frequency lists ───────────────────────────────────────
export { kwic, type KwicRow, type KwicOptions } from './analysis/kwic';
export { collocates, type CollocateRow, type CollocateOptions } from './analysis/collocates';
export { keyness, partitionCorpus, type KeynessRow, type KeynessOptions } from './analysis/keyness';
export { keynessByGroup, type GroupKeynessRow } from './analysis/keyness-groups';
export { type Target } from './analysis/targets';
export { contextTerms, type ContextRow, type ContextOptions } from './analysis/context';
export { contextChart, suggestChart } from './charts/context';
export { frequencyList, type FrequencyRow, type FrequencyOptions } from './analysis/frequency';

// ── Statistics ────────────────────────────────────────────────────────────────────────────────
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
  inferenceUnit,
  INFERENCE_UNITS,
  type InferenceUnit,
} from './stats/frames';
export { bootstrapRate, correlationTest, type RateInterval, type CorrelationResult } from './stats/resampling';
export {
  logLikelihood,
  logRatio,
  g2Table,
  mutualInformation,
  chiSquare2x2,
  fisherExact,
  chiSquareGoodnessOfFit,
  chiSquareStatistic,
  expected2x2,
  fisherInterval,
  oddsRatio,
  type TestResult,
} from './stats/tests';
export { binomialUpperZero, chiSquaredQuantile, chiSquaredSurvival, incompleteBeta, logFactorial, logGamma, normalQuantile, poissonUpper, poissonUpperZero, studentTQuantile } from './stats/distributions';
export { seededRandom } from './stats/random';
export { DEFAULT_SEED, DEFAULT_REPLICATES, DEFAULT_PERMUTATIONS } from './defaults';
export { holm, benjaminiHochberg } from './stats/adjust';
export { methodsText, compareMethodsText, type MethodsInput, type CompareMethodsInput } from './stats/methods';
export {
  ratioEstimate,
  logRate,
  rateInterval,
  welchRateTest,
  studentizedPermutation,
  clusteredRateRatio,
  welchFTest,
  hallTransform,
  trendPermutation,
  mantelHaenszel,
  studentizedCorrelation,
  wilsonInterval,
  MIN_INTERVAL_UNITS,
  MIN_MATCHING_UNITS,
  MIN_INTERVAL_DF,
  rateDegreesOfFreedom,
  thinEvidence,
  matchingUnits,
  zeroMatchBound,
  type MatchingUnits,
  type RatioEstimate,
  type ClusteredInterval,
  type Table2x2,
} from './stats/clustered';
// ── Validation against human coding ───────────────────────────────────────────────────────────
export { validationChart } from './charts/validation';
export { codingSample, codingColumn, readCodedSheet, CODING_SCALES, type CodingScale, type SampleOptions, type SampleRow, type CodedSheet } from './validate/sheet';
export {
  validateDictionary,
  presenceMetrics,
  countAgreement,
  type CodedPair,
  type PresenceMetrics,
  type ValidationRow,
  type AgreementRow,
  type DisagreementRow,
  type ValidationReport,
} from './validate/metrics';
export {
  suggestTerms,
  stemPattern,
  type SuggestOptions,
  type SuggestReport,
  type SuggestionRow,
  type RejectedPatternRow,
  type SuggestSummaryRow,
} from './validate/suggest';
export { krippendorffAlpha, cohenKappa, ALPHA_LEVELS, type AlphaLevel, type AlphaResult, type CodedValue, type KappaResult } from './stats/reliability';

// ── Rhetoric ──────────────────────────────────────────────────────────────────────────────────
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
export { findQuotes, classifyQuote, DEFAULT_QUOTE_RULES, type QuoteSpan, type QuoteClass, type QuoteRules } from './rhetoric/quotes';
export { splitSentences, countSentences, type SentenceCounts } from './text/sentences';
export { markerChart, quoteChart } from './charts/rhetoric';

// ── Charts: built as data, rendered separately ────────────────────────────────────────────────
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
  pooledArc,
  type PooledArcPoint,
  type DuplicateMode,
  type LongCount,
  type ArcPoint,
  type CooccurrenceCell,
  type CategoryTotal,
} from './charts/data';
export { firstWords } from './text/excerpt';
export {
  categoryColors,
  chartConfig,
  labelsFor,
  CATEGORY_PALETTE,
  CHART_FONT,
  RUSSIAN_LABELS,
  ENGLISH_LABELS,
  RUSSIAN_LOCALE,
  type ChartLabels,
  type ChartLocale,
  type CategoryColors,
} from './charts/theme';
export { toSVG, toPNG, svgToPNG, toHTML, toJSON, exportChart, compileSpec, CHART_FORMATS, type ChartFormat, type WarningSink } from './charts/render';
export { documentLabels, fieldTitle, groupValueLabel, shortDocumentId, shortenMiddle } from './charts/labels';

// ── Notebooks ─────────────────────────────────────────────────────────────────────────────────
export { show, showTable, showMarkdown, showChartLibraries, chartLibrariesHtml, chartBundle, inKernel, type ChartBundle, type TableLike } from './notebook/display';
export { notebookOutputs, type NotebookOutputs } from './notebook/outputs';
export { formatNumber, tableDisplay, setNumberLocale, numberLocale, NUMBER_LOCALES, type NumberLocale, type NumberFormatOptions, type TableDisplayOptions } from './notebook/tables';

// ── Models: frame classifiers trained on coding, Latent Semantic Scaling ─────────────────────
export { codedExamples, mergeExamples, sha256File, type CodedExample, type CodedExamples } from './models/examples';
export {
  trainFrameModel,
  modelProbabilities,
  resolveTrainOptions,
  MODEL_METHODS,
  chooseC,
  C_GRID,
  MODEL_VERSION,
  type CChoice,
  type FrameModel,
  type CategoryModel,
  type ModelMethod,
  type TrainOptions,
} from './models/classifier';
export { crossValidate, stratifiedFolds, type CrossValidation, type CrossValidateOptions } from './models/crossval';
export { saveFrameModel, loadFrameModel, frameModelJson, MODEL_FILE_VERSIONS } from './models/model-file';
export { predictFrames, predictFilesStreaming, addPredictions, predictedPresence, probabilityColumn } from './models/predict';
export { uncertaintySample, uncertainty, type UncertaintyOptions } from './models/active';
export { fitLogistic, predictLinear, sigmoid, type LinearModel, type LogisticOptions } from './models/logistic';
export { fitNaiveBayes } from './models/naive-bayes';
export { paragraphLemmas, paragraphFeatures, buildVocabulary, binaryMatrix, idfOf, tfidfMatrix, type BinaryMatrix } from './models/features';
export { dictionaryColumns } from './models/features';
export {
  latentSemanticScaling,
  lssMatrix,
  lssPolarity,
  lssDimensions,
  weightSeeds,
  parseSeeds,
  loadSeeds,
  smoothByDate,
  addLssScores,
  seedLemmas,
  type LssSeeds,
  type LssResult,
  type LssOptions,
  type LssMatrix,
  type LssPolarity,
  type LssScoreRow,
  type LssSmoothRow,
} from './models/lss';
export { randomizedSvd, symmetricEigen, mergeDuplicateRows, type SparseMatrix, type TruncatedSvd } from './models/svd';
export { lssTermsChart, lssTimeChart } from './models/charts';

// ── Tables and files ──────────────────────────────────────────────────────────────────────────
export { toCsv, toJson, toTextTable, formatTable, formatCell, type TableFormat } from './table/format';
export { toDataFrame } from './table/dataframe';
export { readCountTable, readCsvSheet, type CsvSheet } from './table/read';
export { writeParquet, schemaTypes, ParquetWriter, type ColumnSpec, type ColumnType } from './table/parquet';
export { writeFileAtomic } from './util/atomic';
export { FramelabError, type ErrorLocation } from './errors';

// ── Reproduction ──────────────────────────────────────────────────────────────────────────────
export { compareCsv, compareTables, updateSnapshot, listTables, type TableDifference } from './reproduce/snapshot';
export { type Manifest } from './reproduce/manifest';

// ── Lower level: encodings, paragraphs, the tokens stage, matching ───────────────────────────
export { decodeText, detectEncoding, russianScore, type Decoded } from './corpus/encoding';
export { readCorpusSpec, nameFields, globPattern, sidecarPath, isAboutFile, type SourceSpec, type CorpusSpec } from './corpus/sources';
export { sourcesOf, withBoilerplate } from './corpus/read';
export { jsonElements, telegramText, type JsonElement, type JsonHeader } from './corpus/json';
export { cleanText, cleanKinds, noCleanCounts, CLEAN_KINDS, type CleanKind, type CleanCounts } from './corpus/clean';
export { findBoilerplate, boilerplateKey, type Boilerplate, type BoilerplateItem } from './corpus/boilerplate';
export { FlattenedCheck } from './corpus/paragraphs';
export { splitParagraphs, markDuplicates, flattenedBreaks, flattenedDocument, FLATTENED_LINE_BREAKS, type RawParagraph } from './corpus/paragraphs';
export { tokenize, words, WORD_PATTERN, type Token } from './text/tokenize';
export { FormTable } from './text/forms';
export { paragraphTokens, type ParagraphTokens } from './corpus/tokens';
export { sharedVocabulary } from './text/vocabulary';
export { foldCase, paragraphKey } from './text/normalize';
export { Lemmatizer, lemmaOf, analyze, analyzeName, CONTENT_POS, type Analysis } from './text/lemmatizer';
export { lemmaCacheFile } from './text/lemma-cache';
export { ruPlural, ruCount, ruRange, ruList, tiedFirst, type RuForms } from './text/plural';
export { FrameMatcher, type FrameMatch } from './frames/matcher';
export { compileWordGlob, parsePattern, type WordGlob } from './frames/pattern';

// Inside a tslab kernel, failed cells report the error's name and message (see notebook/kernel.ts);
// elsewhere this does nothing.
import { installCellErrors as installInKernel } from './notebook/kernel';
installInKernel();
