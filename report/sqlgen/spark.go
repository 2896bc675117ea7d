package sqlgen

import "fmt"

// spark is Spark SQL 4.0 or later (run with spark-sql -f): the text
// source reads raw lines, gzipped or not, with _metadata.file_path;
// try_parse_json makes a VARIANT, parsed once, that variant_get and
// schema_of_variant read; the session time zone is UTC so to_timestamp
// reads UTC. Steps are cached tables, so the logs are read once.
// Golden-tested (testdata/spark.sql), not executed here.
var spark = &Dialect{
	Name:     "spark",
	Run:      "spark-sql -f %[2]s.sql",
	Prologue: "SET spark.sql.session.timeZone = UTC;\n",
	Quote:    backslashQuote,
	Lines: func(glob string) (string, string) {
		return "", fmt.Sprintf("(SELECT _metadata.file_path AS file, value AS line FROM text.`%s`)", glob)
	},
	ProfileRows: func(glob, name string) (string, string) {
		return fmt.Sprintf("CREATE OR REPLACE TEMPORARY VIEW %s USING csv OPTIONS (path %s, header 'true');\n", name, backslashQuote(glob)), name
	},
	Table: func(name, q string) string { return fmt.Sprintf("CACHE TABLE %s AS\n%s;\n", name, q) },
	Trim: func(s string) string {
		return fmt.Sprintf("trim(BOTH concat(' ', chr(9), chr(10), chr(11), chr(12), chr(13)) FROM %s)", s)
	},
	ParseJSON: func(s string) string { return fmt.Sprintf("try_parse_json(%s)", s) },
	Members:   func(doc string, _ [][]string) string { return doc },
	Member: func(m string, paths [][]string, i int) string {
		return fmt.Sprintf("variant_get(%s, %s)", m, backslashQuote(dollarPath(paths[i])))
	},
	JSONKind: func(v string) string {
		return kindCase("schema_of_variant("+v+")", map[string][]string{
			"string": {"'STRING'"}, "object": {"'OBJECT%'"}, "null": {"'VOID'"},
			"number": {"'BIGINT'", "'INT'", "'SMALLINT'", "'TINYINT'", "'DOUBLE'", "'FLOAT'", "'DECIMAL%'"}})
	},
	JSONString: func(v string) string { return fmt.Sprintf("variant_get(%s, '$', 'string')", v) },
	JSONText:   func(v string) string { return fmt.Sprintf("to_json(%s)", v) },
	Matches:    func(s, re string) string { return fmt.Sprintf("(%s RLIKE %s)", s, backslashQuote(anchored(re))) },
	Extract:    func(s, re string) string { return fmt.Sprintf("regexp_extract(%s, %s, 1)", s, backslashQuote(re)) },
	Strpos:     func(s, sub string) string { return fmt.Sprintf("instr(%s, %s)", s, sub) },
	Substr:     func(s, from, n string) string { return fmt.Sprintf("substr(%s, %s, %s)", s, from, n) },
	Div:        func(a, b string) string { return fmt.Sprintf("(%s) div (%s)", a, b) },
	Mod:        func(a, b string) string { return fmt.Sprintf("(%s) %% (%s)", a, b) },
	Lag:        func(x, over string) string { return fmt.Sprintf("LAG(%s) OVER (%s)", x, over) },
	UTCMillis: func(s string) string {
		return fmt.Sprintf("unix_millis(try_to_timestamp(%s, %s))", s, backslashQuote("yyyy-MM-dd'T'HH:mm:ss"))
	},
	Int: "BIGINT",
	Str: "STRING",
	Export: func(q, dir, name, format string) string {
		opts := "USING parquet"
		if format == "csv" {
			opts = "USING csv OPTIONS (header 'true')"
		}
		return fmt.Sprintf("INSERT OVERWRITE DIRECTORY %s %s\n%s;\n", backslashQuote(dir+"/"+name), opts, q)
	},
}
