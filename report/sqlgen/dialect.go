package sqlgen

import (
	"fmt"
	"strings"
)

// Dialect is everything that differs between engines, as small templates
// the one query (query.go) is written with. An entry takes SQL
// expressions and returns one; JSON paths are lists of member names.
type Dialect struct {
	Name string
	// Prologue is run first (session settings).
	Prologue string
	// Lines is a FROM item with columns file and line: one row per line of
	// the JSON-lines files matching glob, gzipped or plain.
	Lines func(glob string) string
	// ProfileRows is a FROM item over the CSV files matching glob with
	// their header's column names.
	ProfileRows func(glob string) string
	// Table creates a named table (or cached view) from a query.
	Table func(name, query string) string
	// Trim removes ASCII white space (space, \t, \n, \v, \f, \r) at both ends.
	Trim func(s string) string
	// ParseJSON is the parsed document of a JSON text, NULL when the text
	// is not valid JSON.
	ParseJSON func(s string) string
	// Members extracts the values at several paths of a document at once
	// (one parse where the engine would parse per path); Member is the
	// i-th (0-based) of them, SQL NULL when there is no such member.
	Members func(doc string, paths [][]string) string
	Member  func(m string, i int) string
	// JSONKind is the kind of a value: 'string', 'number', 'object',
	// 'null' or 'other'; NULL for NULL.
	JSONKind func(v string) string
	// JSONString is a string value's text (only used on strings).
	JSONString func(v string) string
	// JSONText is a value's JSON text (for numbers: as written).
	JSONText func(v string) string
	// Matches tells whether s matches a regular expression (RE2 syntax
	// common to all engines).
	Matches func(s, re string) string
	// Extract is capture group 1 of the first match of re in s, '' or
	// NULL when none.
	Extract func(s, re string) string
	// Strpos is the 1-based position of sub in s, 0 when absent.
	Strpos func(s, sub string) string
	// Substr is n characters of s from 1-based position from.
	Substr func(s, from, n string) string
	// Div is integer division of non-negative or exact quotients; Mod the
	// remainder with the dividend's sign.
	Div, Mod func(a, b string) string
	// UTCMillis is the unix time in ms of 'YYYY-MM-DDTHH:MM:SS' read as
	// UTC; NULL when it is no calendar date.
	UTCMillis func(s string) string
	// Int casts a string of digits to a 64-bit integer; Str casts to text.
	Int, Str string
	// Export writes a query's rows to folder dir/name in the format
	// ("parquet" or "csv", with a header).
	Export func(query, dir, name, format string) string
}

// Dialects are the engines moocreport writes SQL for, by name.
var Dialects = map[string]*Dialect{
	"duckdb": duckdb,
}

// Engines lists the dialect names in the order the CLI shows them.
var Engines = []string{"duckdb", "spark", "bigquery", "clickhouse"}

// lit is a string literal in the standard SQL quoting all four engines
// accept: single quotes, doubled inside. Inputs here are paths, ids and
// patterns without control characters.
func lit(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// dollarPath is a JSONPath "$.a.b".
func dollarPath(path []string) string {
	if len(path) == 0 {
		return "$"
	}
	return "$." + strings.Join(path, ".")
}

// kindCase maps an engine's JSON type names (SQL literals) to the kinds
// JSONKind returns; an unlisted type is 'other' and NULL stays NULL.
func kindCase(t string, names map[string][]string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "CASE WHEN %s IS NULL THEN NULL", t)
	for _, k := range []string{"string", "object", "null", "number"} {
		if len(names[k]) > 0 {
			fmt.Fprintf(&b, " WHEN %s IN (%s) THEN '%s'", t, strings.Join(names[k], ", "), k)
		}
	}
	b.WriteString(" ELSE 'other' END")
	return b.String()
}

const whitespace = "' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13)"

var duckdb = &Dialect{
	Name: "duckdb",
	Lines: func(glob string) string {
		// Every line as one VARCHAR column: no delimiter, quote or escape
		// can split it; an empty line reads as NULL.
		return fmt.Sprintf("(SELECT filename AS file, line FROM read_csv(%s, columns = {'line': 'VARCHAR'}, delim = chr(1), quote = '', escape = '', header = false, auto_detect = false, strict_mode = false, new_line = '\\n', compression = 'auto', filename = true, max_line_size = 16777216))", lit(glob))
	},
	ProfileRows: func(glob string) string {
		return fmt.Sprintf("read_csv(%s, header = true, all_varchar = true)", lit(glob))
	},
	Table:     func(name, q string) string { return fmt.Sprintf("CREATE OR REPLACE TEMP TABLE %s AS\n%s;\n", name, q) },
	Trim:      func(s string) string { return fmt.Sprintf("trim(%s, %s)", s, whitespace) },
	ParseJSON: func(s string) string { return fmt.Sprintf("CASE WHEN json_valid(%s) THEN CAST(%s AS JSON) END", s, s) },
	Members: func(doc string, paths [][]string) string {
		var ps []string
		for _, p := range paths {
			ps = append(ps, lit(dollarPath(p)))
		}
		return fmt.Sprintf("json_extract(%s, [%s])", doc, strings.Join(ps, ", "))
	},
	Member: func(m string, i int) string { return fmt.Sprintf("%s[%d]", m, i+1) },
	JSONKind: func(v string) string {
		return kindCase("json_type("+v+")", map[string][]string{
			"string": {"'VARCHAR'"}, "object": {"'OBJECT'"}, "null": {"'NULL'"},
			"number": {"'BIGINT'", "'UBIGINT'", "'DOUBLE'", "'HUGEINT'"}})
	},
	JSONString: func(v string) string { return fmt.Sprintf("json_extract_string(%s, '$')", v) },
	JSONText:   func(v string) string { return fmt.Sprintf("CAST(%s AS VARCHAR)", v) },
	Matches:    func(s, re string) string { return fmt.Sprintf("regexp_full_match(%s, %s)", s, lit(re)) },
	Extract:    func(s, re string) string { return fmt.Sprintf("regexp_extract(%s, %s, 1)", s, lit(re)) },
	Strpos:     func(s, sub string) string { return fmt.Sprintf("strpos(%s, %s)", s, sub) },
	Substr:     func(s, from, n string) string { return fmt.Sprintf("substr(%s, %s, %s)", s, from, n) },
	Div:        func(a, b string) string { return fmt.Sprintf("(%s) // (%s)", a, b) },
	Mod:        func(a, b string) string { return fmt.Sprintf("(%s) %% (%s)", a, b) },
	UTCMillis:  func(s string) string { return fmt.Sprintf("epoch_ms(try_strptime(%s, '%%Y-%%m-%%dT%%H:%%M:%%S'))", s) },
	Int:        "BIGINT",
	Str:        "VARCHAR",
	Export: func(q, dir, name, format string) string {
		opts := "FORMAT parquet"
		if format == "csv" {
			opts = "FORMAT csv, HEADER true"
		}
		return fmt.Sprintf("COPY (%s) TO %s (%s);\n", q, lit(dir+"/"+name+"."+format), opts)
	},
}
