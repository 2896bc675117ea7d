package sqlgen

import (
	"fmt"
	"strings"
)

// bigqueryDataset holds the external tables over Cloud Storage that the
// BigQuery script defines (create it once: bq mk moocreport).
const bigqueryDataset = "moocreport"

// bigquery is BigQuery GoogleSQL (run with bq query
// --use_legacy_sql=false): the logs are an external CSV table of one
// column over gs:// files (no delimiter or quote can split a line), with
// _FILE_NAME; SAFE.PARSE_JSON makes a JSON value, parsed once, that
// JSON_QUERY and JSON_TYPE read. Steps are temporary tables of a script;
// EXPORT DATA writes folders of part files. Golden-tested
// (testdata/bigquery.sql), not executed here.
var bigquery = &Dialect{
	Name:   "bigquery",
	Run:    "bq mk moocreport (once), then bq query --use_legacy_sql=false \"$(cat %[2]s.sql)\"",
	Remote: "gs://",
	Quote:  backslashQuote,
	Lines: func(glob string) (string, string) {
		gz := ""
		if strings.HasSuffix(glob, ".gz") {
			gz = ", compression = 'GZIP'"
		}
		setup := fmt.Sprintf("CREATE OR REPLACE EXTERNAL TABLE %s.tracking_lines (line STRING)\nOPTIONS (format = 'CSV', uris = [%s], field_delimiter = '\\x01', quote = '', preserve_ascii_control_characters = true%s);\n",
			bigqueryDataset, backslashQuote(glob), gz)
		return setup, fmt.Sprintf("(SELECT _FILE_NAME AS file, line FROM %s.tracking_lines)", bigqueryDataset)
	},
	ProfileRows: func(glob, name string) (string, string) {
		return fmt.Sprintf("CREATE OR REPLACE EXTERNAL TABLE %s.%s\nOPTIONS (format = 'CSV', uris = [%s], skip_leading_rows = 1);\n", bigqueryDataset, name, backslashQuote(glob)),
			bigqueryDataset + "." + name
	},
	Table: func(name, q string) string { return fmt.Sprintf("CREATE TEMP TABLE %s AS\n%s;\n", name, q) },
	Trim: func(s string) string {
		return fmt.Sprintf("TRIM(%s, CODE_POINTS_TO_STRING([32, 9, 10, 11, 12, 13]))", s)
	},
	ParseJSON: func(s string) string { return fmt.Sprintf("SAFE.PARSE_JSON(%s)", s) },
	Members:   func(doc string, _ [][]string) string { return doc },
	Member: func(m string, paths [][]string, i int) string {
		return fmt.Sprintf("JSON_QUERY(%s, %s)", m, backslashQuote(dollarPath(paths[i])))
	},
	JSONKind: func(v string) string {
		return kindCase("JSON_TYPE("+v+")", map[string][]string{
			"string": {"'string'"}, "object": {"'object'"}, "null": {"'null'"}, "number": {"'number'"}})
	},
	JSONString: func(v string) string { return fmt.Sprintf("JSON_VALUE(%s)", v) },
	JSONText:   func(v string) string { return fmt.Sprintf("TO_JSON_STRING(%s)", v) },
	Matches: func(s, re string) string {
		return fmt.Sprintf("REGEXP_CONTAINS(%s, %s)", s, backslashQuote(anchored(re)))
	},
	Extract: func(s, re string) string { return fmt.Sprintf("REGEXP_EXTRACT(%s, %s)", s, backslashQuote(re)) },
	Strpos:  func(s, sub string) string { return fmt.Sprintf("STRPOS(%s, %s)", s, sub) },
	Substr:  func(s, from, n string) string { return fmt.Sprintf("SUBSTR(%s, %s, %s)", s, from, n) },
	Div:     func(a, b string) string { return fmt.Sprintf("DIV(%s, %s)", a, b) },
	Mod:     func(a, b string) string { return fmt.Sprintf("MOD(%s, %s)", a, b) },
	Lag:     func(x, over string) string { return fmt.Sprintf("LAG(%s) OVER (%s)", x, over) },
	UTCMillis: func(s string) string {
		return fmt.Sprintf("UNIX_MILLIS(SAFE.PARSE_TIMESTAMP('%%Y-%%m-%%dT%%H:%%M:%%S', %s))", s)
	},
	Int: "INT64",
	Str: "STRING",
	Export: func(q, dir, name, format string) string {
		return fmt.Sprintf("EXPORT DATA OPTIONS (uri = %s, format = '%s'%s, overwrite = true) AS\n%s;\n",
			backslashQuote(dir+"/"+name+"/part-*."+format), strings.ToUpper(format), map[string]string{"csv": ", header = true"}[format], q)
	},
}
