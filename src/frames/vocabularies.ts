/**
 * The vocabularies of the counting engine: per thread and dictionary, the forms met so far, the
 * byte scanner that writes their ids and the matcher that classifies each once. Kept between runs
 * in one process, so that a notebook that counts again does not classify its words again.
 */
import { FormTable, type LemmaLookup } from '../text/forms';
import { Tokenizer } from '../text/scan';
import type { Dictionary } from './dictionary';
import { FrameMatcher } from './matcher';

/** The forms a thread has met and how each is classified for a dictionary. */
export interface Vocabulary {
  forms: FormTable;
  tokenizer: Tokenizer;
  matcher: FrameMatcher;
}

/** A fresh vocabulary for a dictionary (`fullLemmas`: lemmatize every form, not only those a pattern could reach). */
export function newVocabulary(dictionary: Dictionary, lemmas: LemmaLookup, fullLemmas: boolean): Vocabulary {
  const forms = new FormTable();
  return { forms, tokenizer: new Tokenizer(forms), matcher: new FrameMatcher(dictionary, lemmas, { forms, lemmaFilter: !fullLemmas }) };
}

const vocabularies = new WeakMap<Dictionary, Map<string, Vocabulary>>();
const ofMatchers = new WeakMap<FrameMatcher, Vocabulary>();

/**
 * The vocabulary of this thread for a dictionary and lemmatizer, made once per process and reused
 * by later runs; or, given a matcher, the vocabulary over that matcher's forms.
 */
export function vocabularyOf(dictionary: Dictionary, lemmatizer: LemmaLookup, fullLemmas: boolean, matcher?: FrameMatcher): Vocabulary {
  if (matcher) {
    let v = ofMatchers.get(matcher);
    if (!v) ofMatchers.set(matcher, (v = { forms: matcher.forms, tokenizer: new Tokenizer(matcher.forms), matcher }));
    return v;
  }
  let byKind = vocabularies.get(dictionary);
  if (!byKind) vocabularies.set(dictionary, (byKind = new Map()));
  const key = fullLemmas ? 'full' : 'reach';
  let v = byKind.get(key);
  if (!v || v.matcher.lemmatizer !== lemmatizer) {
    v = newVocabulary(dictionary, lemmatizer, fullLemmas);
    byKind.set(key, v);
  }
  return v;
}
