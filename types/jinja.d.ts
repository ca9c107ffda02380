// Training templates live in `.jinja` files; the build (tsdown `loader`) and the tests (vitest plugin)
// both turn an import of one into its text.
declare module "*.jinja" {
  const text: string;
  export default text;
}
