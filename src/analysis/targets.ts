import type { Corpus, Document } from '../corpus/types';
import { FramelabError } from '../errors';
import { dictionaryFromObject, type Dictionary } from '../frames/dictionary';
import { frameMatches, type MatchRow } from '../frames/matches';
import type { LemmaLookup } from '../text/forms';
import type { Token } from '../text/tokenize';
import { paragraphTokens } from '../corpus/tokens';
import { sharedVocabulary } from '../text/vocabulary';

/** What to look for: a pattern (dictionary syntax, several words allowed) or a category of a dictionary. */
export interface Target {
  pattern?: string;
  category?: string;
  dictionary?: Dictionary;
  lemmatizer?: LemmaLookup;
}

/** Every match of a target, in corpus order; with `blocked`, also the matches a rule of the dictionary stopped (`blocked` set). */
export function targetMatches(corpus: Corpus, target: Target, options: { blocked?: boolean } = {}): MatchRow[] {
  if (target.pattern !== undefined && target.category !== undefined) throw new FramelabError('give a pattern or a category, not both');
  if (target.pattern !== undefined) {
    const dict = dictionaryFromObject({ pattern: [target.pattern] }, '--pattern');
    return frameMatches(corpus, dict, { lemmatizer: target.lemmatizer });
  }
  if (target.category !== undefined) {
    if (!target.dictionary) throw new FramelabError('a category needs a dictionary');
    const names = target.dictionary.categories.map((c) => c.name);
    if (!names.includes(target.category)) {
      throw new FramelabError(`no category "${target.category}" in dictionary ${target.dictionary.name} (it has ${names.join(', ')})`);
    }
    return frameMatches(corpus, target.dictionary, { lemmatizer: target.lemmatizer, blocked: options.blocked }).filter((m) => m.category === target.category);
  }
  throw new FramelabError('give a pattern or a category to look for');
}

/** A word of a document with the paragraph it stands in. */
export interface DocToken extends Token {
  /** Index of the paragraph in the document's paragraph list. */
  p: number;
  /** Id of its form in the shared vocabulary. */
  id: number;
}

/** The words of a document in order, each with its paragraph; positions match {@link MatchRow.word}. From the tokens stage. */
export function documentTokens(doc: Document): DocToken[] {
  const out: DocToken[] = [];
  const forms = sharedVocabulary();
  doc.paragraphs.forEach((para, p) => {
    const t = paragraphTokens(para);
    for (let k = 0; k < t.ids.length; k++) {
      out.push({ text: para.text.slice(t.starts[k], t.ends[k]), norm: forms.text(t.ids[k]), start: t.starts[k], end: t.ends[k], p, id: t.ids[k] });
    }
  });
  return out;
}

/** Tokens of each document by id, computed once per call. */
export function tokensByDocument(corpus: Corpus): Map<string, { doc: Document; tokens: DocToken[] }> {
  return new Map(corpus.documents.map((doc) => [doc.id, { doc, tokens: documentTokens(doc) }]));
}
