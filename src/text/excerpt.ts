/**
 * The first words of a paragraph: a tooltip in a chart, the context shown when no keyword is found.
 *
 * @example
 * firstWords('Один два три четыре', 2) // 'Один два…'
 */
export function firstWords(text: string, n = 10): string {
  const w = text.trim().split(/\s+/u);
  return w.length <= n ? w.join(' ') : w.slice(0, n).join(' ') + '…';
}
