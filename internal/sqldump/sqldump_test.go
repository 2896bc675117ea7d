package sqldump

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/moocreport/moocreport/report"
)

// checkErr fails unless err's text is exactly want and err is a
// *report.InputError.
func checkErr(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %q", want)
	}
	if err.Error() != want {
		t.Errorf("error:\n got %q\nwant %q", err.Error(), want)
	}
	var pe *report.InputError
	if !errors.As(err, &pe) {
		t.Errorf("error %T is not a *report.InputError", err)
	}
}

// TestLimits: a value, a row or a row's values over the limits are
// refused where they start, with a TooLongError; memory holds at most the
// limit.
func TestLimits(t *testing.T) {
	create := "CREATE TABLE `t` (`a` text, `b` text);\n"
	tests := []struct {
		name, src string
		lim       Limits
		want      string
	}{
		{"value", create + "INSERT INTO t VALUES ('" + strings.Repeat("x", 100) + "', 'b');", Limits{MaxValue: 50}, "dump.sql:2:23: too long: a value longer than 50 bytes"},
		{"row", create + "INSERT INTO t VALUES ('" + strings.Repeat("x", 40) + "', '" + strings.Repeat("y", 40) + "');", Limits{MaxRow: 60}, "dump.sql:2:22: too long: a row longer than 60 bytes"},
		{"values", create + "INSERT INTO t VALUES (1,2,3);", Limits{MaxValues: 2}, "dump.sql:2: too long: a row of more than 2 values"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := NewReader(strings.NewReader(tt.src), "dump.sql", tt.lim)
			_, _, _, err := d.Next()
			checkErr(t, err, tt.want)
			var tl *TooLongError
			if !errors.As(err, &tl) || !errors.Is(err, ErrTooLong) {
				t.Errorf("%v is not a TooLongError", err)
			}
		})
	}
}

// seeds are the fuzz seeds: the research data package fixtures of the
// ingest tests and, where present, the real dumps of Open edX's analytics
// pipeline.
func seeds(f *testing.F) {
	fixtures, _ := filepath.Glob("../../report/ingest/testdata/rdp/*.sql")
	real, _ := filepath.Glob("../../../shared/realdata/openedx-analytics-pipeline/load_*.sql")
	for _, p := range append(fixtures, real...) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
}

// sqlRows reads every tuple of a dump as "table: v1|v2|…" (NULL as ∅).
func sqlRows(src string) ([]string, error) {
	d := NewReader(strings.NewReader(src), "dump.sql", Limits{})
	var out []string
	for {
		table, _, vals, err := d.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return out, err
		}
		parts := make([]string, len(vals))
		for i, v := range vals {
			parts[i] = v.S
			if v.Null {
				parts[i] = "∅"
			}
		}
		out = append(out, table+": "+strings.Join(parts, "|"))
	}
}

func TestReader(t *testing.T) {
	create := "CREATE TABLE `t` (`a` int(11), `b` text DEFAULT 'x,y', PRIMARY KEY (`a`), KEY `k` (`a`,`b`));\n"
	tests := []struct {
		name, src string
		want      []string
	}{
		{"extended insert after CREATE TABLE", create + "INSERT INTO `t` VALUES (1,'a'),(2,NULL);",
			[]string{"t: 1|a", "t: 2|∅"}},
		{"escapes as MySQL writes them", create + `INSERT INTO t VALUES (1,'it\'s\n\t\\ ''q'' \"d\" \% \Z'),(2,"dq ""x""");`,
			[]string{"t: 1|it's\n\t\\ 'q' \"d\" \\% \x1a", `t: 2|dq "x"`}},
		{"column list overrides CREATE TABLE order", create + "INSERT INTO `t` (`b`, `a`) VALUES ('x', 1);",
			[]string{"t: x|1"}},
		{"column list without CREATE TABLE", "INSERT INTO `db`.`u` (`a`)\nVALUES\n(\n  -1.5e3\n),\n(0x1F);",
			[]string{"u: -1.5e3", "u: 0x1F"}},
		{"comments, version comments and other statements", "-- c\n# c\n/*!40101 SET x=1 */;\nSET @a = 'b;c';\nLOCK TABLES `t` WRITE;\n" + create +
			"INSERT IGNORE INTO t VALUES (TRUE, _binary 'b') , (FALSE,_utf8mb4'c') ;\nUNLOCK TABLES;",
			[]string{"t: 1|b", "t: 0|c"}},
		{"strings holding ),( and ; and --", create + "INSERT INTO t VALUES (1,'),(; -- /*');",
			[]string{"t: 1|),(; -- /*"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := sqlRows(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("rows:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestReaderErrors(t *testing.T) {
	create := "CREATE TABLE `t` (`a` int, `b` text);\n"
	tests := []struct{ name, src, want string }{
		{"unterminated string names where it starts", create + "INSERT INTO t VALUES (1,'abc);\n",
			"dump.sql:2:25: string starting here never ends (missing ')"},
		{"wrong number of values", create + "INSERT INTO t VALUES (1,'a'),\n  (2);",
			"dump.sql:3:3: row of INSERT INTO `t` has 1 values, want 2 (a, b)"},
		{"no column order known", "INSERT INTO t VALUES (1);",
			"dump.sql:1:1: INSERT INTO `t` without a column list and no CREATE TABLE `t` before it: the column order is unknown"},
		{"bare word is not a value", create + "INSERT INTO t VALUES (1, now());",
			"dump.sql:2:26: want a value: 'text', a number or NULL, got \"now\""},
		{"malformed number", create + "INSERT INTO t VALUES (1.2.3, 'a');",
			"dump.sql:2:23: want a number, got \"1.2.3\""},
		{"a value cannot run on", create + "INSERT INTO t VALUES (1-2, 'a');",
			"dump.sql:2:24: want ',' or ')' after a value"},
		{"missing separator", create + "INSERT INTO t VALUES (1,'a') (2,'b');",
			"dump.sql:2:30: want ',' or ';' after a row of INSERT INTO `t`, got '('"},
		{"statement without semicolon", "DROP TABLE t",
			"dump.sql:1:1: statement starting here has no ';'"},
		{"unclosed comment", "/* no end",
			"dump.sql:1:1: comment /* never closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := sqlRows(tt.src)
			checkErr(t, err, tt.want)
		})
	}
}

// FuzzReader holds the dump reader to: no panic, and every error a
// *report.InputError with a position.
func FuzzReader(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, b []byte) {
		d := NewReader(strings.NewReader(string(b)), "f.sql", Limits{MaxValue: 1 << 20, MaxRow: 1 << 22, MaxValues: 1 << 16})
		for i := 0; ; i++ {
			_, cols, vals, err := d.Next()
			if err == io.EOF {
				return
			}
			if err != nil {
				var pe *report.InputError
				if !errors.As(err, &pe) || pe.Line == 0 && pe.Err == nil {
					t.Fatalf("error without a position: %v", err)
				}
				return
			}
			if len(vals) != len(cols) {
				t.Fatalf("%d values for %d columns", len(vals), len(cols))
			}
		}
	})
}
