// Style imports handled by Vite.
declare module '*.module.css' {
  const classes: Readonly<Record<string, string>>;
  export default classes;
}
declare module '*.css';
// A file's text (Vite's ?raw), for the tests that read a module's own source.
declare module '*?raw' {
  const text: string;
  export default text;
}
