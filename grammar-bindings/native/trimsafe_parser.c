// trimsafe's own parser addon: parses a whole JS string with tree-sitter-julia and returns the tree
// as one flat Int32Array in pre-order, then frees the native tree at once. One call per file
// instead of several calls into native code per node, and no native memory left for the garbage
// collector to find. The layout is decoded by grammar-bindings/flat-tree.ts.
//
// Per node, STRIDE ints: symbol, flags (NAMED | MISSING | HAS_ERROR on the root | field id << 8),
// child count, start, end (UTF-16 code units of the string), start row, start column, end row,
// end column (rows count '\n' only; columns in UTF-16 code units).

#include <node_api.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <tree_sitter/api.h>

const TSLanguage *tree_sitter_julia(void);

#define STRIDE 9
#define FLAG_NAMED 1
#define FLAG_MISSING 2
#define FLAG_HAS_ERROR 4
#define FIELD_SHIFT 8

// Symbols the runtime adds beyond the grammar's own count; given the ids after the last symbol.
#define ERROR_SYMBOL ((TSSymbol)-1)
#define ERROR_REPEAT_SYMBOL ((TSSymbol)-2)

typedef struct {
  TSParser *parser;
  uint32_t symbol_count;
  // Reused between parses: the text as UTF-16, the flat tree, the parents being filled.
  char16_t *text;
  size_t text_capacity;
  int32_t *out;
  size_t out_capacity;
  uint32_t *parents;
  size_t parents_capacity;
} Instance;

static void *grow(void *p, size_t *capacity, size_t needed, size_t item) {
  if (needed <= *capacity) return p;
  size_t next = *capacity ? *capacity : 1024;
  while (next < needed) next *= 2;
  void *q = realloc(p, next * item);
  if (!q) return NULL;
  *capacity = next;
  return q;
}

static void finalize_instance(napi_env env, void *data, void *hint) {
  Instance *self = data;
  if (self->parser) ts_parser_delete(self->parser);
  free(self->text);
  free(self->out);
  free(self->parents);
  free(self);
}

static Instance *instance(napi_env env) {
  Instance *self = NULL;
  napi_get_instance_data(env, (void **)&self);
  return self;
}

static napi_value throw_error(napi_env env, const char *message) {
  napi_throw_error(env, NULL, message);
  return NULL;
}

static int32_t symbol_id(const Instance *self, TSSymbol symbol) {
  if (symbol == ERROR_SYMBOL) return (int32_t)self->symbol_count;
  if (symbol == ERROR_REPEAT_SYMBOL) return (int32_t)self->symbol_count + 1;
  return symbol;
}

// Reads args (text, timeoutMicros) and parses. Returns the tree, or NULL when the timeout ran out
// (the parser is then reset) or on a JS exception (already pending).
static TSTree *parse_args(napi_env env, napi_callback_info info, Instance *self, int *failed) {
  size_t argc = 2;
  napi_value argv[2];
  *failed = 1;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc < 1) {
    throw_error(env, "parse(text, timeoutMicros?) needs a string");
    return NULL;
  }
  size_t length = 0;
  if (napi_get_value_string_utf16(env, argv[0], NULL, 0, &length) != napi_ok) {
    throw_error(env, "parse(text, timeoutMicros?) needs a string");
    return NULL;
  }
  double timeout = 0;
  if (argc >= 2) {
    napi_valuetype type;
    napi_typeof(env, argv[1], &type);
    if (type == napi_number) napi_get_value_double(env, argv[1], &timeout);
  }
  char16_t *text = grow(self->text, &self->text_capacity, length + 1, sizeof(char16_t));
  if (!text) {
    throw_error(env, "out of memory");
    return NULL;
  }
  self->text = text;
  napi_get_value_string_utf16(env, argv[0], text, length + 1, &length);
  ts_parser_set_timeout_micros(self->parser, timeout > 0 ? (uint64_t)timeout : 0);
  TSTree *tree = ts_parser_parse_string_encoding(self->parser, NULL, (const char *)text, (uint32_t)(length * 2), TSInputEncodingUTF16LE);
  *failed = 0;
  if (!tree) ts_parser_reset(self->parser);
  return tree;
}

// parse(text, timeoutMicros = 0): Int32Array | null
static napi_value parse(napi_env env, napi_callback_info info) {
  Instance *self = instance(env);
  int failed;
  TSTree *tree = parse_args(env, info, self, &failed);
  napi_value result;
  if (!tree) {
    if (failed) return NULL;
    napi_get_null(env, &result);
    return result;
  }
  TSNode root = ts_tree_root_node(tree);
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  size_t count = 0;
  size_t depth = 0;
  int ok = 1;
  for (;;) {
    int32_t *out = grow(self->out, &self->out_capacity, (count + 1) * STRIDE, sizeof(int32_t));
    if (!out) {
      ok = 0;
      break;
    }
    self->out = out;
    TSNode node = ts_tree_cursor_current_node(&cursor);
    int32_t *n = out + count * STRIDE;
    TSPoint start = ts_node_start_point(node);
    TSPoint end = ts_node_end_point(node);
    n[0] = symbol_id(self, ts_node_symbol(node));
    n[1] = (ts_node_is_named(node) ? FLAG_NAMED : 0) | (ts_node_is_missing(node) ? FLAG_MISSING : 0) |
           ((int32_t)ts_tree_cursor_current_field_id(&cursor) << FIELD_SHIFT);
    n[2] = 0;
    n[3] = (int32_t)(ts_node_start_byte(node) / 2);
    n[4] = (int32_t)(ts_node_end_byte(node) / 2);
    n[5] = (int32_t)start.row;
    n[6] = (int32_t)(start.column / 2);
    n[7] = (int32_t)end.row;
    n[8] = (int32_t)(end.column / 2);
    if (depth > 0) out[self->parents[depth - 1] * STRIDE + 2]++;
    if (ts_tree_cursor_goto_first_child(&cursor)) {
      uint32_t *parents = grow(self->parents, &self->parents_capacity, depth + 1, sizeof(uint32_t));
      if (!parents) {
        ok = 0;
        break;
      }
      self->parents = parents;
      parents[depth++] = (uint32_t)count;
      count++;
      continue;
    }
    count++;
    // A leaf: on to the next sibling, climbing while there is none.
    while (!ts_tree_cursor_goto_next_sibling(&cursor)) {
      if (depth == 0 || !ts_tree_cursor_goto_parent(&cursor)) {
        depth = 0;
        goto done;
      }
      depth--;
    }
  }
done:
  ts_tree_cursor_delete(&cursor);
  if (ok && ts_node_has_error(root)) self->out[1] |= FLAG_HAS_ERROR;
  ts_tree_delete(tree);
  if (!ok) return throw_error(env, "out of memory");
  void *data;
  napi_value buffer;
  if (napi_create_arraybuffer(env, count * STRIDE * sizeof(int32_t), &data, &buffer) != napi_ok) return NULL;
  memcpy(data, self->out, count * STRIDE * sizeof(int32_t));
  napi_create_typedarray(env, napi_int32_array, count * STRIDE, buffer, 0, &result);
  // Keep the scratch buffer from holding on to the largest tree ever seen.
  if (self->out_capacity > ((size_t)1 << 22)) {
    free(self->out);
    self->out = NULL;
    self->out_capacity = 0;
  }
  return result;
}

// parseAndFree(text, timeoutMicros = 0): boolean (false when the timeout ran out). The bare cost
// of parsing, for the benchmark's floor.
static napi_value parse_and_free(napi_env env, napi_callback_info info) {
  Instance *self = instance(env);
  int failed;
  TSTree *tree = parse_args(env, info, self, &failed);
  if (failed) return NULL;
  napi_value result;
  napi_get_boolean(env, tree != NULL, &result);
  if (tree) ts_tree_delete(tree);
  return result;
}

// language(): { types: string[], named: boolean[], fields: (string | null)[], stride }
static napi_value language(napi_env env, napi_callback_info info) {
  Instance *self = instance(env);
  const TSLanguage *lang = ts_parser_language(self->parser);
  napi_value result, types, named, fields, value;
  napi_create_object(env, &result);
  uint32_t total = self->symbol_count + 2;
  napi_create_array_with_length(env, total, &types);
  napi_create_array_with_length(env, total, &named);
  for (uint32_t i = 0; i < total; i++) {
    TSSymbol symbol = i < self->symbol_count ? (TSSymbol)i : i == self->symbol_count ? ERROR_SYMBOL : ERROR_REPEAT_SYMBOL;
    const char *name = ts_language_symbol_name(lang, symbol);
    if (name) napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &value);
    else napi_get_null(env, &value);
    napi_set_element(env, types, i, value);
    napi_get_boolean(env, ts_language_symbol_type(lang, symbol) == TSSymbolTypeRegular, &value);
    napi_set_element(env, named, i, value);
  }
  uint32_t field_count = ts_language_field_count(lang);
  napi_create_array_with_length(env, field_count + 1, &fields);
  for (uint32_t i = 0; i <= field_count; i++) {
    const char *name = i == 0 ? NULL : ts_language_field_name_for_id(lang, (TSFieldId)i);
    if (name) napi_create_string_utf8(env, name, NAPI_AUTO_LENGTH, &value);
    else napi_get_null(env, &value);
    napi_set_element(env, fields, i, value);
  }
  napi_set_named_property(env, result, "types", types);
  napi_set_named_property(env, result, "named", named);
  napi_set_named_property(env, result, "fields", fields);
  napi_create_uint32(env, STRIDE, &value);
  napi_set_named_property(env, result, "stride", value);
  return result;
}

// One parser per module instance, so each worker thread has its own.
NAPI_MODULE_INIT() {
  Instance *self = calloc(1, sizeof(Instance));
  if (!self) return throw_error(env, "out of memory");
  self->parser = ts_parser_new();
  const TSLanguage *lang = tree_sitter_julia();
  if (!self->parser || !ts_parser_set_language(self->parser, lang)) {
    finalize_instance(env, self, NULL);
    return throw_error(env, "tree-sitter-julia's language version does not match the tree-sitter runtime");
  }
  self->symbol_count = ts_language_symbol_count(lang);
  if (napi_set_instance_data(env, self, finalize_instance, NULL) != napi_ok) {
    finalize_instance(env, self, NULL);
    return throw_error(env, "could not set the addon's instance data");
  }
  napi_property_descriptor props[] = {
      {"parse", NULL, parse, NULL, NULL, NULL, napi_enumerable, NULL},
      {"parseAndFree", NULL, parse_and_free, NULL, NULL, NULL, napi_enumerable, NULL},
      {"language", NULL, language, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  napi_define_properties(env, exports, sizeof(props) / sizeof(props[0]), props);
  return exports;
}
