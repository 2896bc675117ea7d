package sqlgen

import (
	"fmt"
	"strings"
)

// clickhouse is ClickHouse 23.8 or later (run with clickhouse-local,
// or clickhouse-client where the files are the server's): file() reads
// raw lines (LineAsString, compression from the file name) with _path;
// JSON stays text that isValidJSON checks and JSONExtractRaw cuts
// members from. The settings make a LEFT JOIN give NULL, aliases not
// shadow columns, and file() outputs replace old ones. Golden-tested
// (testdata/clickhouse.sql), not executed here: Debian's clickhouse-server
// (18.16) has neither these JSON functions nor window functions.
var clickhouse = &Dialect{
	Name:     "clickhouse",
	Run:      "mkdir -p %[1]s && clickhouse local --queries-file %[2]s.sql",
	Prologue: "SET join_use_nulls = 1;\nSET prefer_column_name_to_alias = 1;\nSET engine_file_truncate_on_insert = 1;\n",
	Quote:    backslashQuote,
	Lines: func(glob string) (string, string) {
		return "", fmt.Sprintf("(SELECT _path AS file, line FROM file(%s, 'LineAsString', 'line String'))", backslashQuote(glob))
	},
	ProfileRows: func(glob, _ string) (string, string) {
		return "", fmt.Sprintf("file(%s, 'CSVWithNames')", backslashQuote(glob))
	},
	Table: func(name, q string) string {
		return fmt.Sprintf("CREATE TABLE %s ENGINE = MergeTree ORDER BY tuple() AS\n%s;\n", name, q)
	},
	Trim:      func(s string) string { return fmt.Sprintf("trim(BOTH ' \\t\\n\\x0B\\x0C\\r' FROM %s)", s) },
	ParseJSON: func(s string) string { return fmt.Sprintf("if(isValidJSON(%s), %s, NULL)", s, s) },
	Members:   func(doc string, _ [][]string) string { return doc },
	Member: func(m string, paths [][]string, i int) string {
		var keys []string
		for _, k := range paths[i] {
			keys = append(keys, backslashQuote(k))
		}
		ks := strings.Join(keys, ", ")
		return fmt.Sprintf("if(JSONHas(%s, %s), JSONExtractRaw(%s, %s), NULL)", m, ks, m, ks)
	},
	JSONKind: func(v string) string {
		return kindCase("toString(JSONType("+v+"))", map[string][]string{
			"string": {"'String'"}, "object": {"'Object'"}, "null": {"'Null'"}, "number": {"'Int64'", "'UInt64'", "'Double'"}})
	},
	JSONString: func(v string) string { return fmt.Sprintf("JSONExtractString(%s)", v) },
	JSONText:   func(v string) string { return v },
	Matches:    func(s, re string) string { return fmt.Sprintf("match(%s, %s)", s, backslashQuote(anchored(re))) },
	Extract:    func(s, re string) string { return fmt.Sprintf("extract(%s, %s)", s, backslashQuote(re)) },
	Strpos:     func(s, sub string) string { return fmt.Sprintf("position(%s, %s)", s, sub) },
	Substr:     func(s, from, n string) string { return fmt.Sprintf("substring(%s, %s, %s)", s, from, n) },
	Div:        func(a, b string) string { return fmt.Sprintf("intDiv(%s, %s)", a, b) },
	Mod:        func(a, b string) string { return fmt.Sprintf("modulo(%s, %s)", a, b) },
	Lag: func(x, over string) string {
		return fmt.Sprintf("lagInFrame(toNullable(%s)) OVER (%s%s)", x, over, overAll)
	},
	UTCMillis: func(s string) string {
		return fmt.Sprintf("toUnixTimestamp(parseDateTimeOrNull(%s, '%%Y-%%m-%%dT%%H:%%i:%%S', 'UTC')) * 1000", s)
	},
	Int: "Int64",
	Str: "String",
	Export: func(q, dir, name, format string) string {
		f := map[string]string{"parquet": "Parquet", "csv": "CSVWithNames"}[format]
		return fmt.Sprintf("INSERT INTO FUNCTION file(%s, '%s')\n%s;\n", backslashQuote(dir+"/"+name+"."+format), f, q)
	},
}
