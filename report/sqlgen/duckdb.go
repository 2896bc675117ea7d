package sqlgen

import (
	"fmt"
	"strings"
)

// duckdb is DuckDB (1.1 or later): read_csv reads raw lines, JSON values
// are text parsed by the json extension, json_extract with a list of
// paths parses a line once. Executed by `make duckdb-test`.
var duckdb = &Dialect{
	Name:  "duckdb",
	Run:   "mkdir -p %[1]s && duckdb < %[2]s.sql",
	Quote: standardQuote,
	Lines: func(glob string) (string, string) {
		// Every line as one VARCHAR column: no delimiter, quote or escape
		// can split it; an empty line reads as NULL.
		return "", fmt.Sprintf("(SELECT filename AS file, line FROM read_csv(%s, columns = {'line': 'VARCHAR'}, delim = chr(1), quote = '', escape = '', header = false, auto_detect = false, strict_mode = false, new_line = '\\n', compression = 'auto', filename = true, max_line_size = 16777216))", standardQuote(glob))
	},
	ProfileRows: func(glob, _ string) (string, string) {
		return "", fmt.Sprintf("read_csv(%s, header = true, all_varchar = true)", standardQuote(glob))
	},
	Table: func(name, q string) string { return fmt.Sprintf("CREATE OR REPLACE TEMP TABLE %s AS\n%s;\n", name, q) },
	Trim: func(s string) string {
		return fmt.Sprintf("trim(%s, ' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13))", s)
	},
	ParseJSON: func(s string) string { return fmt.Sprintf("TRY_CAST(%s AS JSON)", s) },
	Members: func(doc string, paths [][]string) string {
		var ps []string
		for _, p := range paths {
			ps = append(ps, standardQuote(dollarPath(p)))
		}
		return fmt.Sprintf("json_extract(%s, [%s])", doc, strings.Join(ps, ", "))
	},
	Member: func(m string, _ [][]string, i int) string { return fmt.Sprintf("%s[%d]", m, i+1) },
	JSONKind: func(v string) string {
		return kindCase("json_type("+v+")", map[string][]string{
			"string": {"'VARCHAR'"}, "object": {"'OBJECT'"}, "null": {"'NULL'"},
			"number": {"'BIGINT'", "'UBIGINT'", "'DOUBLE'", "'HUGEINT'"}})
	},
	JSONString: func(v string) string { return fmt.Sprintf("json_extract_string(%s, '$')", v) },
	JSONText:   func(v string) string { return fmt.Sprintf("CAST(%s AS VARCHAR)", v) },
	Matches:    func(s, re string) string { return fmt.Sprintf("regexp_full_match(%s, %s)", s, standardQuote(re)) },
	Extract:    func(s, re string) string { return fmt.Sprintf("regexp_extract(%s, %s, 1)", s, standardQuote(re)) },
	Strpos:     func(s, sub string) string { return fmt.Sprintf("strpos(%s, %s)", s, sub) },
	Substr:     func(s, from, n string) string { return fmt.Sprintf("substr(%s, %s, %s)", s, from, n) },
	Div:        func(a, b string) string { return fmt.Sprintf("(%s) // (%s)", a, b) },
	Mod:        func(a, b string) string { return fmt.Sprintf("(%s) %% (%s)", a, b) },
	Lag:        func(x, over string) string { return fmt.Sprintf("LAG(%s) OVER (%s)", x, over) },
	UTCMillis:  func(s string) string { return fmt.Sprintf("epoch_ms(try_strptime(%s, '%%Y-%%m-%%dT%%H:%%M:%%S'))", s) },
	Int:        "BIGINT",
	Str:        "VARCHAR",
	Export: func(q, dir, name, format string) string {
		opts := "FORMAT parquet"
		if format == "csv" {
			opts = "FORMAT csv, HEADER true"
		}
		return fmt.Sprintf("COPY (%s) TO %s (%s);\n", q, standardQuote(dir+"/"+name+"."+format), opts)
	},
}
