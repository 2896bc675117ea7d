package sqlgen

import (
	"fmt"
	"strings"
)

// Dialect is everything that differs between engines, as small templates
// the one query (query.go, events.go, aggregates.go) is written with. An
// entry takes SQL expressions and returns one. Each engine's table is in
// its own file (duckdb.go, spark.go, bigquery.go, clickhouse.go).
type Dialect struct {
	Name string
	// Run says how to run a script, for its header; %[1]s is the output
	// folder and %[2]s the course key.
	Run string
	// Remote says that the engine reads and writes only remote storage
	// (input and output must be URIs with this prefix, or tables).
	Remote string
	// Prologue is run first (session settings), "" for none.
	Prologue string
	// Quote is a string literal.
	Quote func(s string) string
	// Lines reads the JSON-lines files matching glob, gzipped or plain:
	// setup is run before (or ""), from is a FROM item with columns file
	// and line, one row per line.
	Lines func(glob string) (setup, from string)
	// ProfileRows reads the CSV files matching glob, with their header's
	// column names; name is free for a setup's table or view.
	ProfileRows func(glob, name string) (setup, from string)
	// Table creates a named table (or cached view) from a query.
	Table func(name, query string) string
	// Trim removes ASCII white space (space, \t, \n, \v, \f, \r) at both ends.
	Trim func(s string) string
	// ParseJSON is the parsed document of a JSON text, NULL when the text
	// is not valid JSON.
	ParseJSON func(s string) string
	// Members extracts the values at several paths of a document at once
	// (one parse where the engine would parse per path); Member is the
	// i-th of them, SQL NULL when there is no such member.
	Members func(doc string, paths [][]string) string
	Member  func(m string, paths [][]string, i int) string
	// JSONKind is the kind of a value: 'string', 'number', 'object',
	// 'null' or 'other'; NULL for NULL.
	JSONKind func(v string) string
	// JSONString is a string value's text (only used on strings).
	JSONString func(v string) string
	// JSONText is a value's JSON text (for numbers: as written).
	JSONText func(v string) string
	// Matches tells whether all of s matches a regular expression (the
	// syntax common to RE2 and Java); Extract is capture group 1 of its
	// first match in s, '' or NULL when none.
	Matches, Extract func(s, re string) string
	// Strpos is the 1-based position of sub in s, 0 when absent.
	Strpos func(s, sub string) string
	// Substr is n characters of s from 1-based position from.
	Substr func(s, from, n string) string
	// Div is integer division of exact quotients; Mod the remainder with
	// the dividend's sign.
	Div, Mod func(a, b string) string
	// Lag is the previous row's x in the window over ("PARTITION BY …
	// ORDER BY …"), NULL on the first row.
	Lag func(x, over string) string
	// UTCMillis is the unix time in ms of 'YYYY-MM-DDTHH:MM:SS' read as
	// UTC; NULL when it is no calendar date.
	UTCMillis func(s string) string
	// Int and Str are the 64-bit integer and text types.
	Int, Str string
	// Export writes a query's rows to dir/name (a file or a folder of
	// part files) as "parquet" or "csv" with a header.
	Export func(query, dir, name, format string) string
}

// Dialects are the engines moocreport writes SQL for, by name.
var Dialects = map[string]*Dialect{
	"duckdb":     duckdb,
	"spark":      spark,
	"bigquery":   bigquery,
	"clickhouse": clickhouse,
}

// Engines lists the dialect names in the order the CLI shows them.
var Engines = []string{"duckdb", "spark", "bigquery", "clickhouse"}

// standardQuote is a string literal in standard SQL: single quotes,
// doubled inside; backslashes are plain characters.
func standardQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// backslashQuote is a string literal where backslash escapes (Spark,
// BigQuery, ClickHouse).
func backslashQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(s) + "'"
}

// dollarPath is a JSONPath "$.a.b".
func dollarPath(path []string) string {
	if len(path) == 0 {
		return "$"
	}
	return "$." + strings.Join(path, ".")
}

// kindCase maps an engine's JSON type names to the kinds JSONKind
// returns: each kind lists SQL literals its type equals or, with a %,
// is LIKE; any other type is 'other' and NULL stays NULL.
func kindCase(t string, names map[string][]string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "CASE WHEN %s IS NULL THEN NULL", t)
	for _, k := range []string{"string", "object", "null", "number"} {
		var conds, equal []string
		for _, n := range names[k] {
			if strings.Contains(n, "%") {
				conds = append(conds, fmt.Sprintf("%s LIKE %s", t, n))
			} else {
				equal = append(equal, n)
			}
		}
		if len(equal) == 1 {
			conds = append([]string{fmt.Sprintf("%s = %s", t, equal[0])}, conds...)
		} else if len(equal) > 1 {
			conds = append([]string{fmt.Sprintf("%s IN (%s)", t, strings.Join(equal, ", "))}, conds...)
		}
		if len(conds) > 0 {
			fmt.Fprintf(&b, " WHEN %s THEN '%s'", strings.Join(conds, " OR "), k)
		}
	}
	b.WriteString(" ELSE 'other' END")
	return b.String()
}

// anchored wraps a pattern so a partial-match function matches all of s.
func anchored(re string) string { return "^(?:" + re + ")$" }

// overAll is the frame that makes a ClickHouse-style in-frame function see
// every earlier row.
const overAll = " ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW"
