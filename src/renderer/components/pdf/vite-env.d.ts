/** Vite's `?url` imports: the built URL of an asset (here pdf.js's worker), served from our own origin. */
declare module '*?url' {
  const url: string;
  export default url;
}
