#!/usr/bin/env node
// Re-cuts articles of ../news-sample (real news, MIT-licensed test data of natasha/corus) into the
// shapes real corpora come in. Article texts are copied, never written: the only change to a text is
// that the dump's flattened line breaks (a bare "n" glued between two sentences) are turned back into
// line breaks with framelab's own FLATTENED_LINE_BREAKS pattern. Run from the repository root after
// `npm run build`:  node data/mixed-corpus/make.js
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { loadCorpus, FLATTENED_LINE_BREAKS } = require('../../dist/index.js');

const here = __dirname;
const sample = path.join(here, '..', 'news-sample');
const flat = new RegExp(FLATTENED_LINE_BREAKS.slice('pattern:'.length).split('|')[0], 'gu');
const restore = (text) => text.replace(flat, '\n\n');
const articles = (file) => loadCorpus(path.join(sample, file), { idField: 'url', paragraphs: 'lines' }).documents.map((d) => ({ url: d.id, ...d.meta, text: restore(d.paragraphs.map((p) => p.text).join('\n')) }));
const write = (rel, text) => {
  fs.mkdirSync(path.dirname(path.join(here, rel)), { recursive: true });
  fs.writeFileSync(path.join(here, rel), text);
};

// 1. Text files with the date and title in their names (Интерфакс), a licence and a readme beside them
for (const a of articles('interfax.csv.gz')) {
  // quotes as «», and no characters that file systems refuse
  const title = a.title.replace(/"([^"]*)"/g, '«$1»').replace(/[/\\:*?"<>|]/g, '-').trim();
  write(`interfax/${a.date.slice(0, 10)}-${title}.txt`, a.text + '\n');
}
write(
  'interfax/LICENSE.txt',
  'The articles in this folder come from the news dumps sampled in the test data of the natasha/corus\n' +
    'project (data/ods/interfax.csv.gz), which that project distributes under the MIT licence.\n',
);
write('interfax/README.md', '# Интерфакс, 2019\n\nOne article a file, named `YYYY-MM-DD-Title.txt`. See ../README.md.\n');

// 2. Text files with a sidecar of metadata each (Известия): N_raw.txt beside N_meta.json
articles('iz.csv.gz').forEach((a, k) => {
  write(`iz/${k + 1}_raw.txt`, a.text + '\n');
  write(`iz/${k + 1}_meta.json`, JSON.stringify({ url: a.url, title: a.title, date: a.date, author: a.authors || null }, null, 2) + '\n');
});

// 3. A channel's posts as one JSON array (РИА Новости)
const posts = articles('ria.csv.gz').map((a) => ({ url: a.url, date: a.date.replace(' ', 'T'), channel: 'РИА Новости', category: a.topics, text: a.text }));
write('ria-posts.json', JSON.stringify(posts, null, 2) + '\n');

// 4. A Telegram Desktop export (ТАСС): text as a list of entities (the title in bold, the article's own link)
const messages = [{ id: 1, type: 'service', date: '2019-08-08T00:00:00', date_unixtime: '1565222400', actor: 'ТАСС', action: 'create_channel', title: 'ТАСС', text: '', text_entities: [] }];
articles('tass-001.csv.gz')
  .sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0))
  .forEach((a, k) => {
    const date = a.date.replace(' ', 'T');
    const parts = [{ type: 'bold', text: a.title }, '\n\n' + a.text + '\n\n', { type: 'link', text: a.url }];
    messages.push({
      id: k + 2,
      type: 'message',
      date,
      date_unixtime: String(Date.parse(date + 'Z') / 1000),
      from: 'ТАСС',
      from_id: 'channel1000000001',
      text: parts,
      text_entities: parts.map((p) => (typeof p === 'string' ? { type: 'plain', text: p } : p)),
    });
  });
write('tass-telegram/result.json', JSON.stringify({ name: 'ТАСС', type: 'public_channel', id: 1000000001, messages }, null, 1) + '\n');
