# Builds trimsafe's parser addon from the C sources of two installed packages: the tree-sitter
# runtime vendored in `tree-sitter` and the grammar in `tree-sitter-julia`. Their directories are
# looked up at build time by resolving the packages from here, so no copy of their sources lives here.
{
  "variables": {
    "runtime_dir%": "<!(node -p \"require('path').relative('.', require('path').dirname(require.resolve('tree-sitter/package.json')))\")",
    "grammar_dir%": "<!(node -p \"require('path').relative('.', require('path').dirname(require.resolve('tree-sitter-julia/package.json')))\")",
  },
  "target_defaults": {
    "cflags": ["-std=c11", "-fvisibility=hidden"],
    "defines": ["_POSIX_C_SOURCE=200112L", "_DEFAULT_SOURCE", "NDEBUG"],
  },
  "targets": [
    {
      # The runtime is where parsing spends its time: fully optimised (node's -O3).
      "target_name": "tree_sitter_runtime",
      "type": "static_library",
      "sources": ["<(runtime_dir)/vendor/tree-sitter/lib/src/lib.c"],
      "include_dirs": ["<(runtime_dir)/vendor/tree-sitter/lib/src", "<(runtime_dir)/vendor/tree-sitter/lib/include"],
    },
    {
      # parser.c is 55 MB of tables and a lexer. Measured: -O1 compiles fastest (-O0 emits more
      # code, -O2/-O3 optimise longer) and parses within 3% of -O2 in instructions executed.
      "target_name": "tree_sitter_julia_grammar",
      "type": "static_library",
      "sources": ["<(grammar_dir)/src/parser.c", "<(grammar_dir)/src/scanner.c"],
      "include_dirs": ["<(grammar_dir)/src"],
      "cflags!": ["-O3"],
      "cflags": ["-O1"],
    },
    {
      "target_name": "trimsafe_parser",
      "dependencies": ["tree_sitter_runtime", "tree_sitter_julia_grammar"],
      "sources": ["trimsafe_parser.c"],
      "include_dirs": ["<(runtime_dir)/vendor/tree-sitter/lib/include"],
    },
  ],
}
