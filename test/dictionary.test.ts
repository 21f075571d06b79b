import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { BUNDLED_DICTIONARY, dictionaryFromObject, loadDictionary } from '../src';
import { errorOf, tempDir } from './helpers';

function dictFile(name: string, text: string): string {
  return path.join(tempDir({ [name]: text }), name);
}


describe('YAML dictionaries (quanteda format)', () => {
  it('keeps file order, joins nested keys with dots and reads comments as descriptions', () => {
    const file = dictFile(
      'd.yaml',
      [
        '# file header',
        '',
        '# money from abroad',
        'гранты: [грант*, финансир*]',
        'нпо:',
        '  # rights defenders',
        '  правозащитники:',
        '    - правозащит*',
        '  коалиции: коалиц*',
        'диалог:',
        '  - диалог*',
      ].join('\n'),
    );
    const d = loadDictionary(file);
    expect(d.format).toBe('yaml');
    expect(d.name).toBe('d');
    expect(d.categories.map((c) => c.name)).toEqual(['гранты', 'нпо.правозащитники', 'нпо.коалиции', 'диалог']);
    expect(d.categories[0].patterns).toEqual(['грант*', 'финансир*']);
    expect(d.categories[0].description).toBe('money from abroad');
    expect(d.categories[1].description).toBe('rights defenders');
    expect(d.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads the same shape from JSON', () => {
    const d = loadDictionary(dictFile('d.json', '{"гранты": ["грант*"], "нпо": {"правозащитники": ["правозащит*"]}}'));
    expect(d.format).toBe('json');
    expect(d.categories.map((c) => c.name)).toEqual(['гранты', 'нпо.правозащитники']);
  });

  it('names file and line of a YAML syntax error', () => {
    const e = errorOf(() => loadDictionary(dictFile('bad.yaml', 'гранты: [грант*\nкоррупция: [коррупц*]\n')));
    expect(e.message).toMatch(/bad\.yaml:2: invalid YAML/);
  });

  it('keeps an empty category as a column of zeros with a note naming its line; --strict refuses it', () => {
    const file = dictFile('e.yaml', 'гранты: [грант*]\nдиалог:\nкоррупция: []\n');
    const d = loadDictionary(file);
    expect(d.categories.map((c) => [c.name, c.patterns.length])).toEqual([['гранты', 1], ['диалог', 0], ['коррупция', 0]]);
    expect(d.notes).toEqual([
      expect.stringMatching(/e\.yaml:2: the category "диалог" has no pattern; it is kept as a column of zeros/),
      expect.stringMatching(/e\.yaml:3: the category "коррупция" has no pattern/),
    ]);
    expect(errorOf(() => loadDictionary(file, { strict: true })).message).toMatch(/e\.yaml:2: empty category "диалог"/);
  });

  it('names both lines when a nested key and a dotted key give one category name', () => {
    const e = errorOf(() => loadDictionary(dictFile('n.yaml', 'нпо:\n  права: [правозащит*]\nнпо.права: [права]\n')));
    expect(e.message).toMatch(/n\.yaml:3: two categories are named "нпо\.права" \(lines 2 and 3/);
  });

  it('refuses patterns that match every word', () => {
    for (const p of ['"*"', '"?*"', '"* *"', '"*?*"']) {
      expect(errorOf(() => loadDictionary(dictFile('w.yaml', `a: [${p}]\n`))).message, p).toMatch(/w\.yaml:1: invalid pattern .*matches every word/);
    }
    // a ? and a letter do not: they need words of a given length or letter
    expect(loadDictionary(dictFile('ok.yaml', 'a: ["??", "*а", "?"]\n')).categories[0].patterns).toEqual(['??', '*а', '?']);
  });

  it('names file, line and pattern of an invalid pattern', () => {
    const e = errorOf(() => loadDictionary(dictFile('p.yaml', 'гранты:\n  - грант*\n  - грант.\n')));
    expect(e.message).toMatch(/p\.yaml:3: invalid pattern "грант\."/);
    expect(e.location.pattern).toBe('грант.');
  });

  it('rejects duplicate keys and category names that clash with table columns', () => {
    expect(errorOf(() => loadDictionary(dictFile('k.yaml', 'a: [x]\na: [y]\n'))).message).toMatch(/k\.yaml:2: two categories are named "a" \(lines 1 and 2/);
    expect(errorOf(() => loadDictionary(dictFile('c.yaml', 'tokens: [x]\n'))).message).toMatch(/c\.yaml:1: category name "tokens" clashes/);
  });

  it('rejects a file that is not a mapping, a missing file and an unknown type', () => {
    expect(errorOf(() => loadDictionary(dictFile('l.yaml', '- грант*\n'))).message).toMatch(/l\.yaml:1: a dictionary must map/);
    expect(errorOf(() => loadDictionary('/nonexistent/x.yaml')).message).toMatch(/x\.yaml: no such dictionary file/);
    expect(errorOf(() => loadDictionary(dictFile('d.txt', 'a: [b]'))).message).toMatch(/unknown dictionary type "\.txt"/);
  });

  it('builds a dictionary from an object', () => {
    const d = dictionaryFromObject({ гранты: ['грант*'], нпо: { правозащитники: ['правозащит*'] } });
    expect(d.categories.map((c) => c.name)).toEqual(['гранты', 'нпо.правозащитники']);
    expect(d.source).toBeNull();
  });
});

describe('LIWC dictionaries', () => {
  const liwc = ['%', '1\tгранты', '2\tкоррупция', '%', 'грант*\t1', 'взятк*\t2', 'коррупц*\t2', 'финансов* поддержк*\t1 2', ''].join('\n');

  it('reads header categories in order and entries with several ids', () => {
    const d = loadDictionary(dictFile('d.dic', liwc));
    expect(d.format).toBe('liwc');
    expect(d.categories.map((c) => c.name)).toEqual(['гранты', 'коррупция']);
    expect(d.categories[0].patterns).toEqual(['грант*', 'финансов* поддержк*']);
    expect(d.categories[1].patterns).toEqual(['взятк*', 'коррупц*', 'финансов* поддержк*']);
    expect(d.categories[0].compiled[1]).toEqual(['финансов*', 'поддержк*']);
  });

  it('leaves out an unknown category number with a note naming the line; --strict makes it an error', () => {
    const file = dictFile('u.dic', liwc.replace('взятк*\t2', 'взятк*\t7'));
    const d = loadDictionary(file);
    expect(d.categories[1].patterns).toEqual(['коррупц*', 'финансов* поддержк*']);
    expect(d.notes).toEqual([expect.stringMatching(/u\.dic:6: category number 7 is not in the header; left out \(1 entry/)]);
    const e = errorOf(() => loadDictionary(file, { strict: true }));
    expect(e.message).toMatch(/u\.dic:6: unknown category number 7 for "взятк\*"/);
  });

  it('rejects a missing header and an unclosed header; keeps an empty category with a note', () => {
    expect(errorOf(() => loadDictionary(dictFile('h.dic', 'грант* 1\n'))).message).toMatch(/h\.dic:1: not a LIWC dictionary/);
    expect(errorOf(() => loadDictionary(dictFile('o.dic', '%\n1 гранты\n'))).message).toMatch(/not closed/);
    const d = loadDictionary(dictFile('m.dic', '%\n1 гранты\n2 диалог\n%\nгрант* 1\n'));
    expect(d.notes).toEqual([expect.stringMatching(/m\.dic:3: the category "диалог" has no pattern/)]);
  });

  it('reads a dictionary in Windows-1251 as corpus files are read, or in the encoding given', () => {
    const file = path.join(tempDir({ 'cp.dic': iconv.encode(liwc, 'windows-1251') }), 'cp.dic');
    expect(loadDictionary(file).categories.map((c) => c.name)).toEqual(['гранты', 'коррупция']);
    expect(loadDictionary(file, { encoding: 'koi8-r' }).categories[0].name).not.toBe('гранты');
    expect(errorOf(() => loadDictionary(file, { encoding: 'nonsense' })).message).toMatch(/cp\.dic: unknown encoding "nonsense"/);
  });
});

describe('the bundled dictionary', () => {
  const d = loadDictionary(BUNDLED_DICTIONARY);

  it('starts with the three mission frames and describes every category', () => {
    expect(d.categories.slice(0, 3).map((c) => c.name)).toEqual(['гранты', 'коррупция', 'диалог']);
    expect(d.categories.length).toBeGreaterThanOrEqual(6);
    for (const c of d.categories) expect(c.description.length, c.name).toBeGreaterThan(20);
  });
});
