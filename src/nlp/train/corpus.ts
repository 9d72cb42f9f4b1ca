/**
 * The shape of the Indonesian hoax corpus (JSON Lines, see ../shared/data/hoax/SOURCE.md) the trainer and the
 * retrain check work on. Only types: src/nlp does no file I/O, so the rows come through a `CorpusReader` — the
 * service, `npm run train` and the benches read the folder (src/services/hoax-corpus.ts), tests may read a fixture.
 */
export type CorpusName = 'messages' | 'news' | 'tweets' | 'hoax2024' | 'sms';

export interface CorpusRow {
  id: string;
  text: string;
  label: string;
  split: 'train' | 'test';
  title?: string;
  topic?: string;
  category?: string;
  source: CorpusName;
}

/** The rows of one corpus file, every split. */
export type CorpusReader = (name: CorpusName) => CorpusRow[];
