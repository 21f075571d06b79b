import { FormTable } from './forms';

let sharedForms: FormTable | undefined;

/**
 * The vocabulary shared by every in-memory analysis of this process (notebook cells included):
 * a form keeps its id, and its lemma and category memberships are worked out once.
 *
 * @example
 * const forms = sharedVocabulary();
 * forms.text(forms.idOf('гранты')) // 'гранты'
 */
export function sharedVocabulary(): FormTable {
  return (sharedForms ??= new FormTable());
}
