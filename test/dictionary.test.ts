import * as path from 'node:path';
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

  it('names file and line of an empty category', () => {
    const e = errorOf(() => loadDictionary(dictFile('e.yaml', 'гранты: [грант*]\nдиалог:\nкоррупция: []\n')));
    expect(e.message).toMatch(/e\.yaml:2: empty category "диалог"/);
  });

  it('names file, line and pattern of an invalid pattern', () => {
    const e = errorOf(() => loadDictionary(dictFile('p.yaml', 'гранты:\n  - грант*\n  - грант.\n')));
    expect(e.message).toMatch(/p\.yaml:3: invalid pattern "грант\."/);
    expect(e.location.pattern).toBe('грант.');
  });

  it('rejects duplicate keys and category names that clash with table columns', () => {
    expect(errorOf(() => loadDictionary(dictFile('k.yaml', 'a: [x]\na: [y]\n'))).message).toMatch(/k\.yaml:2: .*unique/);
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

  it('names the line of an unknown category id', () => {
    const bad = liwc.replace('взятк*\t2', 'взятк*\t7');
    const e = errorOf(() => loadDictionary(dictFile('u.dic', bad)));
    expect(e.message).toMatch(/u\.dic:6: unknown category number 7 for "взятк\*"/);
  });

  it('rejects a missing header, an unclosed header and an empty category', () => {
    expect(errorOf(() => loadDictionary(dictFile('h.dic', 'грант* 1\n'))).message).toMatch(/h\.dic:1: not a LIWC dictionary/);
    expect(errorOf(() => loadDictionary(dictFile('o.dic', '%\n1 гранты\n'))).message).toMatch(/not closed/);
    expect(errorOf(() => loadDictionary(dictFile('m.dic', '%\n1 гранты\n2 диалог\n%\nгрант* 1\n'))).message).toMatch(
      /m\.dic:3: empty category "диалог"/,
    );
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
