// scripts/build-embed.mjs resolves this to the text of src/styles/tokens.css (the design tokens).
declare module "embed:tokens.css" {
  const css: string;
  export default css;
}
