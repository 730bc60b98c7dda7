import JSON5 from 'json5';

const PYTHON_LITERALS: Readonly<Record<string, string>> = { True: 'true', False: 'false', None: 'null' };

/**
 * Python's `True`, `False` and `None` outside strings become JSON's literals. A script that sends a
 * dict through `urllib.parse.urlencode` (as Esri's "use geoprocessing services in Python scripts"
 * examples do) sends `str(dict)`, and Python spells its literals that way; strings are left alone.
 */
function fromPythonLiterals(text: string): string {
  const identifier = /[A-Za-z_$][\w$]*/y;
  let out = '';
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charAt(i);
    if (quote !== undefined) {
      out += ch;
      if (ch === '\\') out += text.charAt(++i);
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    identifier.lastIndex = i;
    const word = identifier.exec(text)?.[0];
    if (word === undefined) {
      out += ch;
      continue;
    }
    out += PYTHON_LITERALS[word] ?? word;
    i += word.length - 1;
  }
  return out;
}

/**
 * Parses a JSON-valued request parameter as ArcGIS Server does: strict JSON first (the common case,
 * and the fastest), then JSON5 (single-quoted strings and keys, unquoted keys, trailing commas), with
 * Python's literals accepted. Throws JSON5's SyntaxError, which gives the line and column.
 */
export function parseLenientJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return JSON5.parse<unknown>(fromPythonLiterals(text));
  }
}
