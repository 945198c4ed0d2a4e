/** Vite's `?raw` suffix: the file's text as a string (used by tests that check files served as is). */
declare module '*?raw' {
  const text: string;
  export default text;
}
