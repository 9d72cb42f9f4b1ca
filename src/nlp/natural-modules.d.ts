// natural ships declarations for its category indexes but not for this data module.
declare module 'natural/lib/natural/util/stopwords_id.js' {
  export const words: string[];
}
