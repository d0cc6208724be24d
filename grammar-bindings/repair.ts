// Same-length rewrites of valid Julia that tree-sitter-julia 0.23.1 cannot parse. Every rewrite
// keeps the text's length and line breaks, so positions in the repaired text are positions in the
// user's text, and node text is always read from the user's original.

/** Returns text of the same length with known grammar gaps rewritten into parseable shapes. */
export function repairSource(text: string): string {
  let out = text;
  // Wrapping integer operators (Julia 1.13): `a +% b` parses as `a +  b`.
  out = out.replace(/([+\-*])%(?=[\s(\w])/g, '$1 ');
  return out;
}
